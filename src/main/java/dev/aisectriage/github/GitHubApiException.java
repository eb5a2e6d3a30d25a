package dev.aisectriage.github;

import dev.aisectriage.core.PlatformException;
import java.time.Instant;

/**
 * A request to GitHub that did not succeed. {@link #isFinal()} answers whether trying again can help: 404/410
 * (the thread or repository is gone) and 422 (for example, a label that already exists) are final; 5xx, time-outs
 * and rate limits are not (a rate limit carries the moment after which a retry may succeed).
 */
public class GitHubApiException extends PlatformException {

    private final int status;
    private final boolean isFinal;
    private final Instant retryAt;

    public GitHubApiException(String message, int status, boolean isFinal, Instant retryAt, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.isFinal = isFinal;
        this.retryAt = retryAt;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public boolean isFinal() {
        return isFinal;
    }

    @Override
    public Instant retryAt() {
        return retryAt;
    }

    public boolean isUnprocessable() {
        return status == 422;
    }
}
