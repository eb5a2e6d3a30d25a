package dev.aisectriage.github;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per installation, the moment before which GitHub must not be asked anything: once one call meets a rate limit,
 * every other call of the installation fails at once with the same time, without sending a request.
 */
public final class InstallationLimits {

    private final Clock clock;
    private final Map<Long, Instant> notBefore = new ConcurrentHashMap<>();

    public InstallationLimits(Clock clock) {
        this.clock = clock;
    }

    /** Throws if the installation is held back by a rate limit that has not lifted yet. */
    public void check(long installationId) {
        Instant until = notBefore.get(installationId);
        if (until != null && clock.instant().isBefore(until)) {
            throw new RateLimitedException(
                    installationId,
                    until,
                    "installation " + installationId + " is rate limited until " + until + "; nothing sent",
                    429,
                    null);
        }
    }

    /** Records the limit a call met and answers the exception that hands it back to the job queue. */
    public RateLimitedException limited(long installationId, GitHubApiException e) {
        Instant until = notBefore.merge(installationId, e.retryAt(), (a, b) -> a.isAfter(b) ? a : b);
        return new RateLimitedException(installationId, until, e.getMessage(), e.status(), e);
    }

    /** When the installation may be asked again, if it is held back now. */
    public Optional<Instant> notBefore(long installationId) {
        Instant until = notBefore.get(installationId);
        return until != null && clock.instant().isBefore(until) ? Optional.of(until) : Optional.empty();
    }
}
