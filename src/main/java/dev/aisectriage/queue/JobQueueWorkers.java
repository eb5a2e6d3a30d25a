package dev.aisectriage.queue;

import dev.aisectriage.core.Daemons;
import dev.aisectriage.event.EventHandler;
import dev.aisectriage.event.EventRoutes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker pool: each worker claims a job, runs every handler the routes name for its event, and completes or
 * fails it. A heartbeat renews the leases of running jobs so that only jobs of a dead process are re-claimed.
 * {@link #close()} stops claiming and waits for the jobs in flight.
 *
 * <p>Each job has a time budget ({@link JobRunner}); how a run ended is recorded by {@link JobOutcomes}.
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
    private final JobRunner runner;
    private final JobOutcomes outcomes;
    private final Duration idlePoll;
    private final Duration drainTimeout;
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeat;
    private final Semaphore wake = new Semaphore(0);
    private final Map<Long, String> inFlight = new ConcurrentHashMap<>();
    private final int size;
    private final String process;
    private volatile boolean running = true;

    /**
     * How the pool runs.
     *
     * @param size how many workers claim jobs at once
     * @param idlePoll how long an idle worker waits before it looks for a job again (a queued job wakes one at once)
     * @param drainTimeout how long {@link #close()} waits for the jobs in flight before it interrupts them
     * @param jobTimeout a job still running after this long is interrupted and failed
     */
    public record Settings(int size, Duration idlePoll, Duration drainTimeout, Duration jobTimeout) {}

    /** Starts the workers at once. */
    public JobQueueWorkers(JobQueue queue, EventRoutes routes, Observer observer, Settings settings) {
        this.queue = queue;
        this.routes = routes;
        this.runner = new JobRunner(settings.jobTimeout());
        this.outcomes = new JobOutcomes(queue, observer);
        this.idlePoll = settings.idlePoll();
        this.drainTimeout = settings.drainTimeout();
        this.size = settings.size();
        // pid plus a random part: in a container every restart is pid 1, and a worker id must name one process.
        this.process = "pid" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        this.workers = Executors.newFixedThreadPool(size, workerThreads());
        for (int i = 0; i < size; i++) {
            workers.execute(this::loop);
        }
        this.heartbeat = Daemons.timer("job-lease-heartbeat");
        long every = Math.max(queue.lease().toMillis() / 3, 100);
        heartbeat.scheduleAtFixedRate(this::renewLeases, every, every, TimeUnit.MILLISECONDS);
        LOG.info(
                "job workers started: {} workers in process {}, lease {}s, job time budget {}s",
                size,
                process,
                queue.lease().toSeconds(),
                settings.jobTimeout().toSeconds());
    }

    private static ThreadFactory workerThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "job-worker-" + n.incrementAndGet());
            t.setDaemon(false);
            return t;
        };
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
        long started = System.nanoTime();
        inFlight.put(job.id(), workerId);
        try {
            List<EventHandler> handlers =
                    routes.handlersFor(job.delivery().event(), job.delivery().action());
            runner.run(handlers, job);
            outcomes.done(job, workerId, handlers.size(), started);
        } catch (Exception e) {
            outcomes.failed(job, workerId, e, started);
        } finally {
            inFlight.remove(job.id());
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
        runner.shutdownNow();
        heartbeat.shutdownNow();
        LOG.info("job workers stopped");
    }
}
