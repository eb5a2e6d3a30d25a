package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteBudgetTest {

    @Test
    void noMinuteHoldsMoreThan80WritesNorAnyHourMoreThan500WhenItGoesOnGivenABackfillWritingFast() throws Exception {
        MutableClock time = new MutableClock(Instant.parse("2026-11-29T00:00:00Z"));
        List<Duration> waits = new ArrayList<>();
        WriteBudget budget = new WriteBudget(time, d -> {
            waits.add(d);
            time.advance(d);
        });
        List<Instant> at = new ArrayList<>();

        for (int i = 0; i < 400; i++) {
            budget.acquire(2);
            at.add(time.instant());
            at.add(time.instant());
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
        assertThat(waits).isNotEmpty();
        // 800 writes at 500 an hour take more than an hour, and not much more than needed
        assertThat(Duration.between(at.get(0), at.get(at.size() - 1)))
                .isBetween(Duration.ofHours(1), Duration.ofHours(2));
    }
}
