package dev.aisectriage.service;

import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's classifier: one classification at a time, on one thread of its own, with the encoder's helper threads
 * {@value #NICENESS} nice steps below the intake's CPU priority. Under a burst the encoder would otherwise take both
 * cores of a small machine from the threads that answer GitHub; its helpers (ONNX Runtime's intra-op pool, native
 * threads started with the session) inherit the priority of the thread that loads the model, so the model is loaded
 * on a short-lived thread of low priority, and they take only the CPU the intake leaves.
 *
 * <p>The classifying thread itself keeps the intake's priority: it is a Java thread, and every garbage collection
 * waits until all Java threads have reached a safepoint; a Java thread of low priority that the scheduler keeps
 * waiting holds up that pause for every thread of the process (measured: up to 140 ms under a burst, with the whole
 * classifier niced; docs/benchmarks.md).
 *
 * <p>{@link #close()} waits for the classification in progress before it frees the model: ONNX Runtime crashes the
 * process (SIGSEGV) when its session or environment is freed while a run is inside it.
 */
public final class BackgroundClassifier implements Classifier, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundClassifier.class);

    /** How far below the intake's threads the encoder's helpers run (Linux nice: 0 normal, 19 lowest). */
    static final int NICENESS = 10;

    private static final int MAX_NICE = 19;

    /** How long {@link #close()} waits for the classification in progress; one takes well under a second. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorService thread;
    private final Classifier model;

    private BackgroundClassifier(ExecutorService thread, Classifier model) {
        this.thread = thread;
        this.model = model;
    }

    /**
     * Loads the model on a thread of lower priority (the encoder's helper threads inherit it), then starts the
     * classifying thread; throws what loading threw.
     */
    public static BackgroundClassifier load(Supplier<Classifier> loader) {
        Classifier model = loadBelowTheIntake(loader);
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "classifier");
            t.setDaemon(true); // close() waits for it; a JVM that exits some other way is not held up
            return t;
        });
        return new BackgroundClassifier(thread, model);
    }

    private static Classifier loadBelowTheIntake(Supplier<Classifier> loader) {
        ExecutorService loading = Executors.newSingleThreadExecutor(r -> new Thread(r, "model-loader"));
        try {
            return loading.submit(() -> {
                        lowerPriority();
                        return loader.get();
                    })
                    .get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the model", e);
        } finally {
            loading.shutdown();
        }
    }

    @Override
    public Prediction classify(String text) {
        return onTheThread(() -> model.classify(text));
    }

    /** The post's embedding, on the same thread as the classifications (the encoder runs one post at a time). */
    @Override
    public Optional<float[]> embedding(String text) {
        return onTheThread(() -> model.embedding(text));
    }

    private <T> T onTheThread(Callable<T> work) {
        Future<T> result;
        try {
            result = thread.submit(work);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the classifier is closed: the service is shutting down", e);
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException | CancellationException e) {
            // The job ran out of time or the service stops: the job fails and is retried; the classification that
            // was queued for it is dropped, the one already running finishes on the classifier's thread.
            result.cancel(false);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("classification interrupted", e);
        }
    }

    @Override
    public String modelVersion() {
        return model.modelVersion();
    }

    /**
     * Takes no more classifications, waits for the one in progress, then frees the model. If it does not end in
     * {@link #CLOSE_TIMEOUT}, the model is left open: a leak at exit is harmless, freeing it under a run is not.
     */
    @Override
    public void close() {
        thread.shutdown();
        boolean idle;
        try {
            idle = thread.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        if (!idle) {
            LOG.warn("a classification is still running after {} s: the model is left open", CLOSE_TIMEOUT.toSeconds());
            return;
        }
        if (model instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("closing the model failed: {}", e.toString());
            }
        }
        LOG.info("classifier closed");
    }

    /**
     * Lowers the calling thread's priority by {@link #NICENESS}. Java has no call for it (thread priorities are
     * ignored on Linux), but on Linux a priority belongs to each thread and any thread may lower its own:
     * {@code renice} on the thread's id does it (util-linux, in every Debian image). The new value is computed from
     * the thread's own, so a service started under {@code nice} goes lower still and one run by root is never raised.
     * Where that is not possible, the encoder keeps the intake's priority, which is said once.
     */
    private static void lowerPriority() {
        Path self = Path.of("/proc/thread-self");
        String tid;
        int nice;
        try {
            tid = Files.readSymbolicLink(self).getFileName().toString();
            nice = niceOf(Files.readString(self.resolve("stat")));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            LOG.info("the encoder runs at the intake's CPU priority: no /proc/thread-self on this system");
            return;
        }
        int lower = Math.min(nice + NICENESS, MAX_NICE);
        if (lower == nice) {
            return;
        }
        try {
            Process renice = new ProcessBuilder("renice", "--priority", String.valueOf(lower), "-p", tid)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(renice.getInputStream().readAllBytes()).trim();
            if (renice.waitFor() != 0) {
                LOG.warn("the encoder runs at the intake's CPU priority: renice failed ({})", output);
            }
        } catch (IOException e) {
            LOG.warn("the encoder runs at the intake's CPU priority: renice is not installed ({})", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The nice value in a {@code /proc/.../stat} line: field 19, counted after the command name in parentheses. */
    static int niceOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        if (fields.length < 17) {
            throw new IllegalArgumentException("not a /proc stat line: " + stat);
        }
        return Integer.parseInt(fields[16]);
    }
}
