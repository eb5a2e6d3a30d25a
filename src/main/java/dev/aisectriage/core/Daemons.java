package dev.aisectriage.core;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

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
}
