package dev.aisectriage.github;

import java.time.Instant;

/**
 * A request to GitHub that did not succeed. {@link #isFinal()} answers whether trying again can help: 404/410
 * (the thread or repository is gone) and 422 (for example, a label that already exists) are final; 5xx, time-outs
 * and rate limits are not (a rate limit carries the moment after which a retry may succeed).
 */
public class GitHubApiException extends RuntimeException {

    private final int status;
    private final boolean isFinal;
    private final Instant retryAt;

    public GitHubApiException(String message, int status, boolean isFinal, Instant retryAt, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.isFinal = isFinal;
        this.retryAt = retryAt;
    }

    /** HTTP status, or 0 when no answer arrived (time-out, connection failure). */
    public int status() {
        return status;
    }

    public boolean isFinal() {
        return isFinal;
    }

    /** When a rate limit lifts, or null. */
    public Instant retryAt() {
        return retryAt;
    }

    /** The thread, comment or repository no longer exists (or the App lost access to it). */
    public boolean isGone() {
        return status == 404 || status == 410;
    }

    public boolean isUnprocessable() {
        return status == 422;
    }
}
