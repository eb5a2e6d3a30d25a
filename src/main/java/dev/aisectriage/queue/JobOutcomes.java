package dev.aisectriage.queue;

import dev.aisectriage.core.Deferred;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.MalformedPayloadException;
import dev.aisectriage.core.RateLimited;
import dev.aisectriage.log.LogSafe;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Records how a run of a job ended, in the queue, the log and the metrics: done; interrupted by shutdown; deferred
 * (its own head start); postponed by a rate limit; dead-lettered at once for a failure that retrying cannot fix; or retried with back-off. A failed
 * job is logged in one line, with the delivery id, repository, event and action.
 */
final class JobOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(JobQueueWorkers.class);

    private final JobQueue queue;
    private final JobQueueWorkers.Observer observer;

    JobOutcomes(JobQueue queue, JobQueueWorkers.Observer observer) {
        this.queue = queue;
        this.observer = observer;
    }

    void done(Job job, String workerId, int handlers, long started) {
        Delivery event = job.delivery();
        boolean completed = queue.complete(job.id(), workerId);
        Duration took = since(started);
        if (!completed) {
            LOG.warn(
                    "job {} (delivery {}) finished after its lease expired; another worker re-claimed it",
                    job.id(),
                    LogSafe.text(event.id()));
            return;
        }
        observer.jobFinished(job, JobState.DONE, took);
        LOG.debug(
                "job done id={} delivery={} event={} attempt={} handlers={} ms={}",
                job.id(),
                LogSafe.text(event.id()),
                LogSafe.text(event.key()),
                job.attempts(),
                handlers,
                took.toMillis());
    }

    void failed(Job job, String workerId, Exception e, long started) {
        if (e instanceof InterruptedException || Thread.interrupted()) {
            interrupted(job, workerId);
            return;
        }
        Optional<RateLimited> limit = JobFailures.rateLimit(e);
        if (e instanceof Deferred later) {
            later(job, workerId, later, started);
        } else if (limit.isPresent()) {
            postpone(job, workerId, limit.get(), started);
        } else if (JobFailures.permanent(e)) {
            deadLetter(job, workerId, e, started);
        } else {
            retry(job, workerId, e, started);
        }
    }

    /**
     * Shutdown timed out: back to the queue without spending an attempt (it did not fail); its thread stays leased
     * until the lease runs out, in case the handler ignores the interrupt. The interrupt flag is cleared for the
     * store's write (a pool refuses an interrupted thread).
     */
    private void interrupted(Job job, String workerId) {
        boolean requeued = queue.requeueInterrupted(job.id(), workerId);
        Thread.currentThread().interrupt();
        LOG.warn(
                "job {} (delivery {}) interrupted by shutdown; {}",
                job.id(),
                LogSafe.text(job.delivery().id()),
                requeued ? "queued again, no attempt spent" : "its lease was already lost");
    }

    /**
     * A rate limit is not the job's failure: it runs again when the limit lifts, its attempt not counted. A GitHub
     * limit holds back every job of its installation too; a Hub limit this job alone.
     */
    private void postpone(Job job, String workerId, RateLimited limit, long started) {
        String why = "rate limited: " + limit.getMessage();
        Long installation = limit.pausedInstallation();
        boolean held = installation == null
                ? queue.reschedule(job.id(), workerId, limit.retryAt(), why)
                : queue.postpone(job.id(), workerId, installation, limit.retryAt(), why);
        if (held) {
            LOG.warn(
                    "job rate limited id={} delivery={} installation={} outcome=queued until {} (attempt not counted)",
                    job.id(),
                    LogSafe.text(job.delivery().id()),
                    installation,
                    limit.retryAt());
            observer.jobFinished(job, JobState.QUEUED, since(started));
        }
    }

    /** The job asked to run later (a head start): back in the queue, due then, its attempt not counted. */
    private void later(Job job, String workerId, Deferred later, long started) {
        if (queue.reschedule(job.id(), workerId, later.notBefore(), later.getMessage())) {
            LOG.info(
                    "job deferred id={} delivery={} outcome=queued until {} reason=\"{}\" (attempt not counted)",
                    job.id(),
                    LogSafe.text(job.delivery().id()),
                    later.notBefore(),
                    LogSafe.text(later.getMessage()));
            observer.jobFinished(job, JobState.QUEUED, since(started));
        }
    }

    /**
     * Retrying cannot fix it: dead at once, logged as its reason alone (a stack trace would add nothing); at WARN for
     * a malformed payload (the sender's error, not the bot's), at ERROR otherwise.
     */
    private void deadLetter(Job job, String workerId, Exception e, long started) {
        boolean dead = queue.deadLetter(job.id(), workerId, "not retried: " + e);
        logFailed(
                e instanceof MalformedPayloadException ? Level.WARN : Level.ERROR,
                job,
                dead ? "dead-lettered, not retried" : "lease lost",
                LogSafe.text(e.toString()));
        if (dead) {
            observer.jobFinished(job, JobState.DEAD, since(started));
        }
    }

    private void retry(Job job, String workerId, Exception e, long started) {
        Optional<JobState> now = queue.fail(job.id(), workerId, job.attempts(), e.toString());
        Duration took = since(started);
        String next = now.map(s -> s == JobState.DEAD
                        ? "dead-lettered"
                        : "retry in " + queue.backoff(job.attempts()).toMillis() + "ms")
                .orElse("lease lost");
        if (JobFailures.network(e) && now.filter(s -> s != JobState.DEAD).isPresent()) {
            logFailed(Level.WARN, job, next, LogSafe.text(e.toString()));
        } else {
            logFailed(Level.ERROR, job, next, LogSafe.throwable(e));
        }
        now.ifPresent(s -> observer.jobFinished(job, s, took));
    }

    /** The one log line for a failed job: with its stack trace when {@code detail} is a throwable, else its reason. */
    private static void logFailed(Level level, Job job, String outcome, Object detail) {
        Delivery event = job.delivery();
        LOG.atLevel(level)
                .log(
                        "job failed id={} delivery={} repository={} event={} action={} attempt={} outcome={}"
                                + (detail instanceof Throwable ? "" : " reason={}"),
                        job.id(),
                        LogSafe.text(event.id()),
                        LogSafe.text(event.repository()),
                        LogSafe.text(event.event()),
                        LogSafe.text(event.action()),
                        job.attempts(),
                        outcome,
                        detail);
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}
