package dev.aisectriage.github;

import java.time.Duration;

/**
 * How hard {@link GitHubHttp} tries.
 *
 * @param maxAttempts    attempts per request, the first included
 * @param firstBackoff   wait after the first 5xx or time-out; doubled each time
 * @param maxWait        the longest rate-limit wait spent in-process; a longer one fails the job, whose queue retries later
 * @param requestTimeout time-out of one HTTP exchange
 */
public record RetryPolicy(int maxAttempts, Duration firstBackoff, Duration maxWait, Duration requestTimeout) {

    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(90), Duration.ofSeconds(30));
    }
}
