package dev.aisectriage.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the service before the JVM begins to shut down. Left to the JVM, a signal starts every
 * shutdown hook at once, and ONNX Runtime's own hook frees its environment while the service's hook is still
 * draining a job that classifies: the process then dies with SIGSEGV inside {@code libonnxruntime}. Handled here,
 * the service drains its jobs and frees the model first; the command then returns and the JVM exits, its hooks
 * running with nothing left inside ONNX Runtime.
 */
final class StopSignals {

    private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);

    private StopSignals() {}

    /**
     * Runs {@code stop} when SIGTERM or SIGINT arrives, on the thread the JVM starts for the signal; the JVM does
     * not exit by itself.
     */
    static void stopOn(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("SIG{} received", name);
                    stop.run();
                });
            } catch (IllegalArgumentException e) {
                // the JVM keeps the signal to itself (-Xrs) or the platform has none: the shutdown hook stops it
                LOG.debug("SIG{} left to the JVM: {}", name, e.getMessage());
            }
        }
    }
}
