package dev.aisectriage.queue;

import dev.aisectriage.store.Database;
import dev.aisectriage.store.SerialWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable job queue in the store (SQLite or PostgreSQL). A claim is one transaction that takes the job and its
 * thread's lease, so two workers (or two processes) never hold the same job nor two jobs of one thread. A running
 * job holds a lease that its worker renews; a job whose lease ran out belongs to a process that died and is claimed
 * again. Failures back off exponentially; after {@code maxAttempts} claims the job is dead.
 *
 * <p>One entry point over four parts: {@link JobClaims} (claims and leases), {@link JobResults} (how a run ends),
 * {@link InstallationPauses} (rate limits) and {@link JobQueries} (what the dashboard reads).
 */
public final class JobQueue {

    private final Duration lease;
    private final JobClaims claims;
    private final JobResults results;
    private final InstallationPauses pauses;
    private final JobQueries queries;

    public JobQueue(
            Database db,
            SerialWriter writer,
            Clock clock,
            int maxAttempts,
            Duration lease,
            Duration baseBackoff,
            Duration maxBackoff) {
        this.lease = lease;
        this.claims = new JobClaims(db, writer, clock, maxAttempts, lease);
        this.results = new JobResults(writer, clock, maxAttempts, baseBackoff, maxBackoff);
        this.pauses = new InstallationPauses(writer);
        this.queries = new JobQueries(db, writer, clock);
    }

    public Duration lease() {
        return lease;
    }

    /**
     * Claims the next job that is due: a queued job whose back-off is over, or a running job whose lease expired
     * (its process died). Abandoned jobs that already used every attempt are dead-lettered instead of re-run. A job
     * whose thread is leased by another running job (in any process) or whose installation is paused is skipped:
     * the claim takes the thread's lease row with the job, so at most one job per thread runs at a time.
     */
    public Optional<Job> claim(String workerId) {
        return claims.claim(workerId);
    }

    /** Extends the lease of a job this worker still holds (and of its thread); false if it lost the job. */
    public boolean renewLease(long jobId, String workerId) {
        return claims.renewLease(jobId, workerId);
    }

    /** Marks the job done; false if this worker no longer held it (its lease had expired and it was re-claimed). */
    public boolean complete(long jobId, String workerId) {
        return results.complete(jobId, workerId);
    }

    /**
     * Records a failure: back to queued with exponential back-off, or dead after {@code maxAttempts} attempts.
     * Returns the state the job is now in (or empty if this worker no longer held it).
     */
    public Optional<JobState> fail(long jobId, String workerId, int attempts, String error) {
        return results.fail(jobId, workerId, attempts, error);
    }

    /**
     * Puts a job this worker holds back in the queue, due at {@code notBefore}, without spending an attempt: it was
     * interrupted (shutdown) or told to wait (a rate limit), not failed. False if the worker no longer held it.
     */
    public boolean reschedule(long jobId, String workerId, Instant notBefore, String reason) {
        return results.reschedule(jobId, workerId, notBefore, reason);
    }

    /**
     * Puts a job interrupted by shutdown back in the queue, due now, without spending an attempt. Its thread's lease
     * is kept until it runs out: a handler that ignores the interrupt may still be running in this process, and no
     * other process starts the same thread meanwhile. False if the worker no longer held the job.
     */
    public boolean requeueInterrupted(long jobId, String workerId) {
        return results.requeueInterrupted(jobId, workerId);
    }

    /** Dead-letters a job at once: its failure is one that retrying cannot fix. */
    public boolean deadLetter(long jobId, String workerId, String error) {
        return results.deadLetter(jobId, workerId, error);
    }

    /** Delay before the attempt after {@code attempts} failed ones: base, 2 x base, 4 x base, … capped. */
    public Duration backoff(int attempts) {
        return results.backoff(attempts);
    }

    /**
     * Puts a job that met a rate limit back in the queue for the moment the limit lifts, without counting its
     * attempt, and holds back every job of the same installation until then, in every process: queued ones are
     * due then, and the installation's pause keeps any other (queued later, or retried) from being claimed before.
     */
    public boolean postpone(long jobId, String workerId, long installationId, Instant until, String error) {
        return pauses.postpone(jobId, workerId, installationId, until, error);
    }

    /**
     * No job of the installation is claimed before {@code notBefore} (GitHub's rate-limit reset), by any process.
     * A later pause extends an earlier one; an earlier one never shortens it.
     */
    public void pauseInstallation(long installationId, Instant notBefore, String reason) {
        pauses.pause(installationId, notBefore, reason);
    }

    /** Number of jobs in each state (every state present, zero if none). */
    public Map<JobState, Long> countByState() {
        return queries.countByState();
    }

    /** Dead-lettered jobs, newest first. */
    public List<DeadLetter> deadLetters(int limit) {
        return queries.deadLetters(limit);
    }

    /** Puts a dead job back in the queue with a fresh attempt count (after the cause was fixed). */
    public boolean retryDead(long jobId) {
        return queries.retryDead(jobId);
    }

    /** Drops a dead letter for good (its cause will not be fixed): it is then finished and ages out with the rest. */
    public boolean dismissDead(long jobId) {
        return queries.dismissDead(jobId);
    }

    /** The state of the job of a delivery, if it has one. */
    public Optional<JobState> stateOf(String deliveryId) {
        return queries.stateOf(deliveryId);
    }
}
