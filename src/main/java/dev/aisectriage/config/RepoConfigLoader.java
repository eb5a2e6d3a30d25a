package dev.aisectriage.config;

import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.RepoFile;
import dev.aisectriage.store.ConfigErrors;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds a repository's settings: its own {@code .github/ai-security-triage.yml}, else the one in the owner's
 * {@code .github} repository, else defaults. A file is parsed once per content sha; the lookup itself is reused for
 * a short while so that a burst of events on one repository costs one read.
 */
public final class RepoConfigLoader {

    static final Duration REUSE_FOR = Duration.ofSeconds(60);

    private final GitHubGateway gateway;
    private final ConfigErrors errors;
    private final Clock clock;
    private final Map<String, RepoConfig> bySha = new ConcurrentHashMap<>();
    private final Map<String, Recent> recent = new ConcurrentHashMap<>();

    public RepoConfigLoader(GitHubGateway gateway, ConfigErrors errors, Clock clock) {
        this.gateway = gateway;
        this.errors = errors;
        this.clock = clock;
        // loads the schema validator now, at start-up, rather than in the first job (about a second of class loading)
        RepoConfigParser.parse("", RepoConfig.FILE);
    }

    public RepoConfig load(long installationId, String repository) {
        Recent r = recent.get(repository);
        if (r != null && clock.instant().isBefore(r.at().plus(REUSE_FOR))) {
            return r.config();
        }
        Optional<RepoFile> file = gateway.readFile(installationId, repository, RepoConfig.FILE);
        if (file.isEmpty()) {
            String owner = repository.substring(0, repository.indexOf('/'));
            String orgRepo = owner + "/.github";
            if (!orgRepo.equals(repository)) {
                file = gateway.readFile(installationId, orgRepo, RepoConfig.FILE);
            }
        }
        RepoConfig config = file.map(f -> bySha.computeIfAbsent(
                        f.sha(), sha -> RepoConfigParser.parse(f.content(), f.repository() + ":" + f.path())))
                .orElseGet(RepoConfig::defaults);
        errors.record(repository, config.source(), config.errors());
        recent.put(repository, new Recent(clock.instant(), config));
        return config;
    }

    /** Forgets what was read for a repository (a push changed the file, or a test wants a fresh read). */
    public void forget(String repository) {
        recent.remove(repository);
    }

    private record Recent(Instant at, RepoConfig config) {}
}
