package dev.aisectriage.cli;

import dev.aisectriage.core.Daemons;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.StoreWriteCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the service when its store no longer accepts a write: every delivery would otherwise be answered 500 and
 * every job fail, while the log repeats the same error twice a second.
 */
final class StoreWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreWatch.class);

    private final ScheduledExecutorService timer;
    private volatile String reason;

    private StoreWatch(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static StoreWatch start(Database db, Path file, Runnable stop, Duration every) {
        ScheduledExecutorService timer = Daemons.timer("store-watch");
        StoreWatch watch = new StoreWatch(timer);
        StoreWriteCheck check = new StoreWriteCheck(db);
        timer.scheduleWithFixedDelay(
                () -> {
                    StoreWriteCheck.Result r = check.run();
                    if (!r.ok() && watch.reason == null) {
                        watch.reason = r.reason();
                        LOG.error(
                                "DATABASE_PATH {} no longer accepts writes ({}): stopping the service; make it"
                                        + " writable and start again",
                                file,
                                r.reason());
                        new Thread(stop, "store-watch-stop").start();
                    }
                },
                every.toMillis(),
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        return watch;
    }

    boolean failed() {
        return reason != null;
    }

    String reason() {
        return reason;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
