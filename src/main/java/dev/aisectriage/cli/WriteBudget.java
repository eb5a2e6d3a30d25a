package dev.aisectriage.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Keeps a backfill under GitHub's limits for content-creating requests (80 a minute, 500 an hour): before a thread's
 * writes, waits until both windows have room for them.
 */
final class WriteBudget {

    static final int PER_MINUTE = 80;
    static final int PER_HOUR = 500;

    private final Clock clock;
    private final Sleeper sleeper;
    private final int perMinute;
    private final int perHour;
    private final Deque<Instant> writes = new ArrayDeque<>();

    WriteBudget(Clock clock, Sleeper sleeper) {
        this(clock, sleeper, PER_MINUTE, PER_HOUR);
    }

    /** Other limits, for a stand-in GitHub that has none. */
    WriteBudget(Clock clock, Sleeper sleeper, int perMinute, int perHour) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.perMinute = perMinute;
        this.perHour = perHour;
    }

    /** Waits until {@code n} more writes stay within both limits, then counts them. */
    void acquire(int n) throws InterruptedException {
        if (n <= 0) {
            return;
        }
        while (true) {
            Instant now = clock.instant();
            while (!writes.isEmpty() && !writes.peekFirst().isAfter(now.minus(Duration.ofHours(1)))) {
                writes.pollFirst();
            }
            long lastMinute = writes.stream()
                    .filter(t -> t.isAfter(now.minus(Duration.ofMinutes(1))))
                    .count();
            Duration wait = Duration.ZERO;
            if (lastMinute + n > perMinute) {
                Instant oldest = writes.stream()
                        .filter(t -> t.isAfter(now.minus(Duration.ofMinutes(1))))
                        .findFirst()
                        .orElse(now);
                wait = Duration.between(now, oldest.plus(Duration.ofMinutes(1)));
            }
            if (writes.size() + n > perHour) {
                Duration hourWait = Duration.between(now, writes.peekFirst().plus(Duration.ofHours(1)));
                wait = hourWait.compareTo(wait) > 0 ? hourWait : wait;
            }
            if (wait.isZero() || wait.isNegative()) {
                for (int i = 0; i < n; i++) {
                    writes.addLast(now);
                }
                return;
            }
            sleeper.sleep(wait.plusMillis(1));
        }
    }

    @FunctionalInterface
    interface Sleeper {
        Sleeper REAL = d -> Thread.sleep(d.toMillis());

        void sleep(Duration d) throws InterruptedException;
    }
}
