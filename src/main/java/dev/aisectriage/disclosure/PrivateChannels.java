package dev.aisectriage.disclosure;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aisectriage.github.GitHubGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Each repository's private channel, looked up on GitHub once and then kept for {@code ttl} (hours), so that a new
 * post costs no request while it is kept; a push that changes a {@code SECURITY.md} forgets it at once
 * ({@link #forget}), and so does a push another instance received ({@link Changes}). A lookup that fails (a rate
 * limit, GitHub down) is not kept: the next post asks again. Kept per process, in memory.
 */
public final class PrivateChannels {

    public static final Duration DEFAULT_TTL = Duration.ofHours(6);

    /** Looks a repository's channel up on GitHub; empty when GitHub cannot be asked at all (no App credentials). */
    @FunctionalInterface
    public interface Lookup {
        Optional<PrivateChannel> find(long installationId, String repository);
    }

    /** Whether a push changed the repository's security policy at or after {@code keptAt}, seen by any instance. */
    @FunctionalInterface
    public interface Changes {

        /** One process alone: {@link #forget} is all it needs. */
        Changes NONE = (repository, keptAt) -> false;

        boolean since(String repository, Instant keptAt);
    }

    private record Kept(PrivateChannel channel, Instant at) {}

    private final Lookup lookup;
    private final Changes changes;
    private final Clock clock;
    private final Cache<String, Kept> known;

    public PrivateChannels(Lookup lookup, Changes changes, Duration ttl, Clock clock) {
        this.lookup = lookup;
        this.changes = changes;
        this.clock = clock;
        this.known = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
    }

    /**
     * The lookup on GitHub: private reporting first (one request); only when it is not on, the security policy (one
     * request per place until a {@code SECURITY.md} is found).
     */
    public static Lookup onGitHub(GitHubGateway github, PrivateChannelChoice choice) {
        return (installationId, repository) -> github.privateReporting(installationId, repository)
                .map(reporting -> choice.choose(
                        repository,
                        reporting,
                        reporting.enabled() ? Optional.empty() : github.securityPolicy(installationId, repository)));
    }

    /**
     * The repository's channel: kept, or looked up now (once, however many posts ask at the same moment); empty when
     * it cannot be looked up.
     */
    public Optional<PrivateChannel> of(long installationId, String repository) {
        String key = key(repository);
        Kept kept = known.getIfPresent(key);
        if (kept != null && changes.since(repository, kept.at())) {
            known.invalidate(key);
        }
        Kept found = known.get(key, k -> {
            // kept from the moment it was asked: a change pushed while GitHub was being asked makes it stale
            Instant asked = clock.instant();
            return lookup.find(installationId, repository)
                    .map(channel -> new Kept(channel, asked))
                    .orElse(null);
        });
        return Optional.ofNullable(found).map(Kept::channel);
    }

    /** Forgets what a push changed: one repository, or every repository of an owner whose defaults changed. */
    public void forget(SecurityPolicyChange change) {
        String name = change.name().toLowerCase(Locale.ROOT);
        if (change.scope() == SecurityPolicyChange.Scope.OWNER) {
            known.asMap().keySet().removeIf(k -> k.startsWith(name + "/"));
        } else {
            known.invalidate(name);
        }
    }

    private static String key(String repository) {
        return repository.toLowerCase(Locale.ROOT);
    }
}
