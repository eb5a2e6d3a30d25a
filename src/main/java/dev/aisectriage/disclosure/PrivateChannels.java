package dev.aisectriage.disclosure;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.aisectriage.github.PrivateReporting;
import dev.aisectriage.github.PrivateReportingCheck;
import dev.aisectriage.github.SecurityPolicyFiles;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Each repository's private channel, looked up on GitHub once and then kept for {@code ttl} (hours), so that a new
 * post costs no request while it is kept; a push that changes a {@code SECURITY.md} forgets it at once
 * ({@link #forget}). A lookup that fails (a rate limit, GitHub down) is not kept: the next post asks again. Kept per
 * process, in memory.
 */
public final class PrivateChannels {

    public static final Duration DEFAULT_TTL = Duration.ofHours(6);

    /** Looks a repository's channel up on GitHub. */
    @FunctionalInterface
    public interface Lookup {
        PrivateChannel find(long installationId, String repository);
    }

    private final Lookup lookup;
    private final Cache<String, PrivateChannel> known;

    public PrivateChannels(Lookup lookup, Duration ttl, Clock clock) {
        this.lookup = lookup;
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
    public static Lookup onGitHub(PrivateReportingCheck check, SecurityPolicyFiles files, PrivateChannelChoice choice) {
        return (installationId, repository) -> {
            PrivateReporting reporting = check.check(installationId, repository);
            return choice.choose(
                    repository,
                    reporting,
                    reporting.enabled() ? Optional.empty() : files.find(installationId, repository));
        };
    }

    /** The repository's channel: kept, or looked up now (once, however many posts ask at the same moment). */
    public PrivateChannel of(long installationId, String repository) {
        return known.get(key(repository), k -> lookup.find(installationId, repository));
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
