package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBudgetTest {

    /** A clock that the budget's waits move forward. */
    static final class FakeTime extends Clock {
        Instant now = Instant.parse("2026-11-29T00:00:00Z");
        final List<Duration> waits = new ArrayList<>();

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void sleep(Duration d) {
            waits.add(d);
            now = now.plus(d);
        }
    }

    @Test
    void givenABackfillWritingFast_whenItGoesOn_thenNoMinuteHoldsMoreThan80WritesNorAnyHourMoreThan500()
            throws Exception {
        FakeTime time = new FakeTime();
        WriteBudget budget = new WriteBudget(time, time::sleep);
        List<Instant> at = new ArrayList<>();

        for (int i = 0; i < 400; i++) {
            budget.acquire(2);
            at.add(time.now);
            at.add(time.now);
        }

        for (Instant t : at) {
            long minute = at.stream()
                    .filter(o -> !o.isBefore(t) && o.isBefore(t.plus(Duration.ofMinutes(1))))
                    .count();
            long hour = at.stream()
                    .filter(o -> !o.isBefore(t) && o.isBefore(t.plus(Duration.ofHours(1))))
                    .count();
            assertThat(minute).isLessThanOrEqualTo(WriteBudget.PER_MINUTE);
            assertThat(hour).isLessThanOrEqualTo(WriteBudget.PER_HOUR);
        }
        assertThat(time.waits).isNotEmpty();
        // 800 writes at 500 an hour take more than an hour, and not much more than needed
        assertThat(Duration.between(at.get(0), at.get(at.size() - 1)))
                .isBetween(Duration.ofHours(1), Duration.ofHours(2));
    }
}
