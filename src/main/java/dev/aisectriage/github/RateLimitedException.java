package dev.aisectriage.github;

import dev.aisectriage.core.RateLimited;
import java.time.Instant;

/**
 * GitHub asked this installation to wait until {@link #retryAt()}. Not a failure of the job: the job queue puts it
 * back for that time without counting an attempt, and nothing of the installation is sent before then.
 */
public final class RateLimitedException extends GitHubApiException implements RateLimited {

    private final long installationId;

    public RateLimitedException(long installationId, Instant retryAt, String message, int status, Throwable cause) {
        super(message, status, false, retryAt, cause);
        this.installationId = installationId;
    }

    public long installationId() {
        return installationId;
    }

    @Override
    public Long pausedInstallation() {
        return installationId;
    }
}
