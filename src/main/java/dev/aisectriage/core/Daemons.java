package dev.aisectriage.core;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The background timers of the service (retention, checkpoints, lease heartbeats): daemons, so none keeps it alive. */
public final class Daemons {

    private Daemons() {}

    /** A timer that runs its tasks one at a time on a daemon named {@code name}. */
    public static ScheduledExecutorService timer(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code task} now and then every {@code period} (after the previous run ended) on a daemon named
     * {@code name}; a run that throws is handed to {@code failed} and the next run comes as usual.
     *
     * @return the timer, to shut down
     */
    public static ScheduledExecutorService every(
            String name, Duration period, Runnable task, Consumer<RuntimeException> failed) {
        ScheduledExecutorService timer = timer(name);
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        failed.accept(e);
                    }
                },
                0,
                period.toMillis(),
                TimeUnit.MILLISECONDS);
        return timer;
    }
}
