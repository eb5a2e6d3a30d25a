package dev.aisectriage.queue;

import dev.aisectriage.event.EventHandler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one job's handlers within its time budget, on a runner thread: a job still running when its budget is spent
 * is interrupted and fails with a {@link TimeoutException}. A handler that ignores the interrupt is left to finish
 * on its own daemon thread; the worker moves on, and shutdown does not wait for it.
 */
public final class JobRunner {

    private final Duration jobTimeout;
    private final ExecutorService runners;

    public JobRunner(Duration jobTimeout) {
        this.jobTimeout = jobTimeout;
        AtomicInteger runnerCount = new AtomicInteger();
        this.runners = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "job-runner-" + runnerCount.incrementAndGet());
            t.setDaemon(true); // a runaway handler must not keep the JVM alive
            return t;
        });
    }

    /**
     * Runs the handlers on a runner thread, under the job's lease (its writes that must happen once check it);
     * throws what they threw, or a TimeoutException when over budget.
     */
    public void run(List<EventHandler> handlers, Job job) throws Exception {
        Future<?> running = runners.submit(() -> {
            for (EventHandler handler : handlers) {
                handler.handle(job.delivery(), job.lease());
            }
            return null;
        });
        try {
            running.get(jobTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            // A handler's own InterruptedException is a failure of the job, not a shutdown of this worker.
            throw cause instanceof Exception ex && !(cause instanceof InterruptedException)
                    ? ex
                    : new ExecutionException(cause.toString(), cause);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw new TimeoutException("the job ran past its time budget of " + jobTimeout.toSeconds()
                    + " s (JOB_TIMEOUT_SECONDS) and was interrupted");
        } catch (InterruptedException e) {
            running.cancel(true); // shutdown: the handler is interrupted too, the job resumes after restart
            throw e;
        }
    }

    /** Interrupts the handlers still running (their threads are daemons: nothing waits for them). */
    public void shutdownNow() {
        runners.shutdownNow();
    }
}
