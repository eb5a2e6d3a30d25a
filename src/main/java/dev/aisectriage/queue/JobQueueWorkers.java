package dev.aisectriage.queue;

import dev.aisectriage.event.EventHandler;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.event.WebhookEvent;
import dev.aisectriage.github.RateLimitedException;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.ThreadLeases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker pool: each worker claims a job, runs every handler the routes name for its event, and completes or
 * fails it. A heartbeat renews the leases of running jobs so that only jobs of a dead process are re-claimed.
 * {@link #close()} stops claiming and waits for the jobs in flight.
 *
 * <p>Each job has a time budget: its handlers run on a runner thread, and a job still running when its budget is
 * spent is interrupted and failed like any other error (retried, then dead-lettered). A handler that ignores the
 * interrupt is left to finish on its own (daemon) thread; its worker moves on, and shutdown does not wait for it.
 */
public final class JobQueueWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobQueueWorkers.class);

    /** Told about every finished run, for metrics. */
    @FunctionalInterface
    public interface Observer {
        void jobFinished(Job job, JobState state, Duration took);
    }

    private final JobQueue queue;
    private final EventRoutes routes;
    private final Observer observer;
    private final Duration idlePoll;
    private final Duration drainTimeout;
    private final Duration jobTimeout;
    private final ExecutorService workers;
    private final ExecutorService runners;
    private final ScheduledExecutorService heartbeat;
    private final Semaphore wake = new Semaphore(0);
    private final Map<Long, String> inFlight = new ConcurrentHashMap<>();
    private final int size;
    private final String process;
    private volatile boolean running = true;

    /** With the default time budget of a job, 120 s. */
    public JobQueueWorkers(
            JobQueue queue, EventRoutes routes, int size, Observer observer, Duration idlePoll, Duration drainTimeout) {
        this(queue, routes, size, observer, idlePoll, drainTimeout, Duration.ofSeconds(120));
    }

    /** @param jobTimeout a job still running after this long is interrupted and failed */
    public JobQueueWorkers(
            JobQueue queue,
            EventRoutes routes,
            int size,
            Observer observer,
            Duration idlePoll,
            Duration drainTimeout,
            Duration jobTimeout) {
        this.queue = queue;
        this.routes = routes;
        this.observer = observer;
        this.idlePoll = idlePoll;
        this.drainTimeout = drainTimeout;
        this.jobTimeout = jobTimeout;
        this.size = size;
        // pid plus a random part: in a container every restart is pid 1, and a worker id must name one process.
        this.process = "pid" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, "job-worker-" + n.incrementAndGet());
            t.setDaemon(false);
            return t;
        });
        AtomicInteger runnerCount = new AtomicInteger();
        this.runners = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "job-runner-" + runnerCount.incrementAndGet());
            t.setDaemon(true); // a runaway handler must not keep the JVM alive
            return t;
        });
        for (int i = 0; i < size; i++) {
            workers.execute(this::loop);
        }
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "job-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(queue.lease().toMillis() / 3, 100);
        heartbeat.scheduleAtFixedRate(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        LOG.info(
                "job workers started: {} workers in process {}, lease {}s, job time budget {}s",
                size,
                process,
                queue.lease().toSeconds(),
                jobTimeout.toSeconds());
    }

    /** Wakes an idle worker at once (called after a job was queued) instead of waiting for the next poll. */
    public void wake() {
        if (wake.availablePermits() < size) {
            wake.release();
        }
    }

    private void loop() {
        String workerId = process + "/" + Thread.currentThread().getName();
        while (running) {
            Optional<Job> job;
            try {
                job = queue.claim(workerId);
            } catch (RuntimeException e) {
                LOG.error("job worker {} cannot claim a job: {}", workerId, e.toString());
                pause();
                continue;
            }
            if (job.isPresent()) {
                try {
                    run(job.get(), workerId);
                } catch (RuntimeException e) {
                    // The store failed while recording the result; the lease expiry brings the job back.
                    LOG.error("job {} result not recorded: {}", job.get().id(), e.toString());
                    pause();
                }
            } else {
                pause();
            }
        }
    }

    private void pause() {
        try {
            wake.tryAcquire(idlePoll.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void run(Job job, String workerId) {
        WebhookEvent event = job.event();
        long started = System.nanoTime();
        inFlight.put(job.id(), workerId);
        try {
            List<EventHandler> handlers = routes.handlersFor(event.event(), event.action());
            runWithinBudget(handlers, event, workerId, job.threadKey());
            boolean completed = queue.complete(job.id(), workerId);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (completed) {
                observer.jobFinished(job, JobState.DONE, took);
                LOG.debug(
                        "job done id={} delivery={} event={} attempt={} handlers={} ms={}",
                        job.id(),
                        LogSafe.text(event.deliveryId()),
                        LogSafe.text(event.key()),
                        job.attempts(),
                        handlers.size(),
                        took.toMillis());
            } else {
                LOG.warn(
                        "job {} (delivery {}) finished after its lease expired; another worker re-claimed it",
                        job.id(),
                        LogSafe.text(event.deliveryId()));
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException || Thread.interrupted()) {
                // Shutdown timed out: back to the queue without spending an attempt (it did not fail); its thread
                // stays leased until the lease runs out, in case the handler ignores the interrupt. The interrupt
                // flag is cleared for the store's write (a pool refuses an interrupted thread).
                boolean requeued = queue.requeueInterrupted(job.id(), workerId);
                Thread.currentThread().interrupt();
                LOG.warn(
                        "job {} (delivery {}) interrupted by shutdown; {}",
                        job.id(),
                        LogSafe.text(event.deliveryId()),
                        requeued ? "queued again, no attempt spent" : "its lease was already lost");
                return;
            }
            Optional<RateLimitedException> limit = JobFailures.rateLimit(e);
            if (limit.isPresent()) {
                postpone(job, workerId, limit.get(), started);
                return;
            }
            Optional<JobState> now = JobFailures.permanent(e)
                    ? Optional.of(JobState.DEAD)
                            .filter(dead -> queue.deadLetter(job.id(), workerId, "not retried: " + e))
                    : queue.fail(job.id(), workerId, job.attempts(), e.toString());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String next = now.map(s -> s == JobState.DEAD
                            ? "dead-lettered"
                            : "retry in " + queue.backoff(job.attempts()).toMillis() + "ms")
                    .orElse("lease lost");
            JobFailures.log(job, next, e);
            now.ifPresent(s -> observer.jobFinished(job, s, took));
        } finally {
            inFlight.remove(job.id());
        }
    }

    /** A rate limit is not the job's failure: it runs again when the limit lifts, its attempt not counted. */
    private void postpone(Job job, String workerId, RateLimitedException limit, long started) {
        String why = "rate limited: " + limit.getMessage();
        if (queue.postpone(job.id(), workerId, limit.installationId(), limit.retryAt(), why)) {
            LOG.warn(
                    "job rate limited id={} delivery={} installation={} outcome=queued until {} (attempt not counted)",
                    job.id(),
                    LogSafe.text(job.event().deliveryId()),
                    limit.installationId(),
                    limit.retryAt());
            observer.jobFinished(job, JobState.QUEUED, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Runs the handlers on a runner thread; throws what they threw, or a TimeoutException when over budget. */
    private void runWithinBudget(List<EventHandler> handlers, WebhookEvent event, String workerId, String threadKey)
            throws Exception {
        // on behalf of the worker that holds the thread's lease: once another holder takes it over, no more posts
        Future<?> running = runners.submit(() -> ThreadLeases.workingFor(threadKey, workerId, () -> {
            for (EventHandler handler : handlers) {
                handler.handle(event);
            }
            return null;
        }));
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

    private void renewLeases() {
        inFlight.forEach((jobId, workerId) -> {
            try {
                queue.renewLease(jobId, workerId);
            } catch (RuntimeException e) {
                LOG.warn("cannot renew the lease of job {}: {}", jobId, e.toString());
            }
        });
    }

    /** Number of jobs being run right now. */
    public int inFlight() {
        return inFlight.size();
    }

    /** Stops claiming, waits up to the drain timeout for the jobs in flight, then interrupts what is left. */
    @Override
    public void close() {
        running = false;
        wake.release(size);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn(
                        "{} jobs still running after {}s; interrupting (they resume after restart)",
                        inFlight.size(),
                        drainTimeout.toSeconds());
                workers.shutdownNow();
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        runners.shutdownNow();
        heartbeat.shutdownNow();
        LOG.info("job workers stopped");
    }
}
