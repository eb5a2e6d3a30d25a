package dev.aisectriage.huggingface;

import dev.aisectriage.core.RateLimited;
import java.time.Instant;

/**
 * The Hub answered 429: not a failure of the job, which the queue puts back until {@link #retryAt()} without
 * counting an attempt.
 */
public final class HubRateLimitedException extends HubApiException implements RateLimited {

    private final Instant retryAt;

    public HubRateLimitedException(Instant retryAt, String message) {
        super(429, message);
        this.retryAt = retryAt;
    }

    @Override
    public Instant retryAt() {
        return retryAt;
    }
}
