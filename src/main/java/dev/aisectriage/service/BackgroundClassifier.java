package dev.aisectriage.service;

import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
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
 * The service's classifier: one classification at a time, on one thread of its own that also owns the model. The
 * encoder already uses both cores of a small machine for one post; two at once gain no throughput. (Running the
 * encoder's threads at a lower CPU priority than the intake's was measured and did not shorten the intake's tail on a
 * quiet machine: docs/benchmarks.md.)
 *
 * <p>{@link #close()} waits for the classification in progress before it frees the model: ONNX Runtime crashes the
 * process (SIGSEGV) when its session or environment is freed while a run is inside it.
 */
public final class BackgroundClassifier implements Classifier, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundClassifier.class);

    /** How long {@link #close()} waits for the classification in progress; one takes well under a second. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ExecutorService thread;
    private final Classifier model;

    private BackgroundClassifier(ExecutorService thread, Classifier model) {
        this.thread = thread;
        this.model = model;
    }

    /** Loads the model, then starts the classifying thread; throws what loading threw. */
    public static BackgroundClassifier load(Supplier<Classifier> loader) {
        Classifier model = loader.get();
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "classifier");
            t.setDaemon(true); // close() waits for it; a JVM that exits some other way is not held up
            return t;
        });
        return new BackgroundClassifier(thread, model);
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
}
