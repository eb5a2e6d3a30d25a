package dev.aisectriage.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;

/** Waits for something the workers do in the background (Awaitility, polling every 20 ms). */
public final class Eventually {

    private Eventually() {}

    public static void await(Duration timeout, BooleanSupplier condition, String what) {
        Awaitility.await(what)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .pollDelay(Duration.ZERO)
                .until(condition::getAsBoolean);
    }
}
