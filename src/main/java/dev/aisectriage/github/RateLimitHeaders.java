package dev.aisectriage.github;

import dev.aisectriage.core.RetryAfter;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** Reads from an answer's headers whether GitHub rate limited the request, and until when (on the local clock). */
final class RateLimitHeaders {

    /** GitHub asks to wait at least a minute on a secondary limit that names no time. */
    private static final Duration SECONDARY_LIMIT_WAIT = Duration.ofSeconds(60);

    private final Clock clock;

    RateLimitHeaders(Clock clock) {
        this.clock = clock;
    }

    /** Primary limit: 403/429 with {@code x-ratelimit-remaining: 0}; secondary: 403/429 with {@code retry-after} or its message. */
    Optional<Instant> lifts(int status, HttpHeaders h, String responseBody) {
        if (status != 403 && status != 429) {
            return Optional.empty();
        }
        Optional<Instant> lifts = retryAfter(h).or(() -> primaryReset(h));
        if (lifts.isPresent()) {
            return lifts;
        }
        String body = responseBody == null ? "" : responseBody.toLowerCase(Locale.ROOT);
        // 429 is a rate limit whatever its body says; without a time, GitHub asks for at least a minute
        if (status == 429 || body.contains("secondary rate limit") || body.contains("abuse")) {
            return Optional.of(clock.instant().plus(SECONDARY_LIMIT_WAIT));
        }
        return Optional.empty();
    }

    /** {@code retry-after}: seconds from now, or (rarely) an HTTP date, counted against the server's {@code Date}. */
    private Optional<Instant> retryAfter(HttpHeaders h) {
        return RetryAfter.lifts(h.firstValue("retry-after"), h.firstValue("date"), clock, SECONDARY_LIMIT_WAIT);
    }

    /**
     * The primary limit's reset, when none remain. GitHub gives it in epoch seconds of its own clock; the wait is
     * counted from the answer's {@code Date} so that a local clock that is off does not shorten or stretch it.
     */
    Optional<Instant> primaryReset(HttpHeaders h) {
        if (h.firstValue("x-ratelimit-remaining")
                .map(String::trim)
                .filter("0"::equals)
                .isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> reset = h.firstValue("x-ratelimit-reset").flatMap(RateLimitHeaders::epochSeconds);
        if (reset.isEmpty()) {
            return Optional.of(clock.instant().plus(SECONDARY_LIMIT_WAIT));
        }
        // the reset is in whole seconds: one more second avoids arriving a moment too early
        Instant serverInstant = Instant.ofEpochSecond(reset.get() + 1);
        return Optional.of(onLocalClock(serverInstant, h));
    }

    private Instant onLocalClock(Instant serverInstant, HttpHeaders h) {
        return RetryAfter.onLocalClock(serverInstant, h.firstValue("date"), clock);
    }

    private static Optional<Long> epochSeconds(String value) {
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
