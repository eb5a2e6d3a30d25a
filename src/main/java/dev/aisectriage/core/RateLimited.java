package dev.aisectriage.core;

import java.time.Instant;

/**
 * A failure that is a service asking to wait (GitHub's or the Hub's rate limit), not a failure of the job: the job
 * queue puts the job back for {@link #retryAt()} without counting an attempt. Implemented by each client's own
 * exception, so that the queue needs to know none of them.
 */
public interface RateLimited {

    /** What the service said. */
    String getMessage();

    /** When the limit lifts, on the local clock. */
    Instant retryAt();

    /** The GitHub installation whose jobs all wait until then, or null when the wait holds back this job alone. */
    default Long pausedInstallation() {
        return null;
    }
}
