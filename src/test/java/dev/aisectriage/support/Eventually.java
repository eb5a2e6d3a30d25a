package dev.aisectriage.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something the workers do in the background. */
public final class Eventually {

    private Eventually() {}

    public static void await(Duration timeout, BooleanSupplier condition, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
    }
}
