package dev.aisectriage.github;

import java.time.Duration;

/**
 * How hard {@link GitHubHttp} tries. Rate limits are not waited out here: they go back to the job queue.
 *
 * @param maxAttempts    attempts per request, the first included
 * @param firstBackoff   wait after the first 5xx or time-out; doubled each time
 * @param requestTimeout time-out of one HTTP exchange
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration requestTimeout) {

    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
}
