package dev.aisectriage.recovery;

import dev.aisectriage.core.Daemons;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the {@link RedeliverySweep} at start-up and then every {@code REDELIVERY_SWEEP_MINUTES}. */
public final class RedeliverySchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedeliverySchedule.class);

    private final ScheduledExecutorService timer;

    private RedeliverySchedule(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    public static RedeliverySchedule start(RedeliverySweep sweep, Duration every) {
        ScheduledExecutorService timer = Daemons.timer("redelivery-sweep");
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        sweep.run();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException e) {
                        LOG.warn("redelivery sweep failed, next one in {} min: {}", every.toMinutes(), e.getMessage());
                    }
                },
                0,
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        LOG.info(
                "redelivery sweep: every {} min, failed deliveries of the last 3 days the store never saw",
                every.toMinutes());
        return new RedeliverySchedule(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
