package dev.aisectriage.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads an HTTP {@code Retry-After}: seconds from now, or an HTTP date, counted against the answer's own {@code
 * Date} so that a local clock that is off neither shortens nor stretches the wait.
 */
public final class RetryAfter {

    private RetryAfter() {}

    /**
     * @param retryAfter the header's value, if any
     * @param date the answer's {@code Date} header, if any
     * @param fallback the wait when the value is neither seconds nor a date
     * @return the moment on the local clock after which a retry may succeed, or empty without a value
     */
    public static Optional<Instant> lifts(
            Optional<String> retryAfter, Optional<String> date, Clock clock, Duration fallback) {
        return retryAfter.map(String::trim).map(v -> {
            try {
                return clock.instant().plusSeconds(Math.max(0, Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return httpDate(v)
                        .map(d -> onLocalClock(d, date, clock))
                        .orElse(clock.instant().plus(fallback));
            }
        });
    }

    /** A moment on the server's clock as a moment on ours: now plus its distance from the answer's {@code Date}. */
    public static Instant onLocalClock(Instant serverInstant, Optional<String> date, Clock clock) {
        Instant now = clock.instant();
        Optional<Instant> serverNow = date.flatMap(RetryAfter::httpDate);
        Duration wait = Duration.between(serverNow.orElse(now), serverInstant);
        return wait.isNegative() ? now : now.plus(wait);
    }

    /** An RFC 1123 date ({@code Tue, 01 Dec 2026 10:00:00 GMT}), or empty. */
    public static Optional<Instant> httpDate(String value) {
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.trim())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
