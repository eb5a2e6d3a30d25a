package dev.aisectriage.queue;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.DeliveryOutcome;
import dev.aisectriage.store.Retention;
import dev.aisectriage.store.SerialWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The durable job queue in the store (SQLite or PostgreSQL), and the one writer of its {@code jobs} table. The
 * intake queues a delivery's job in the transaction that stores the delivery. A claim is one transaction that takes
 * the job and its thread's lease ({@link JobClaims}), so two workers (or two processes) never hold the same job nor
 * two jobs of one thread. A running job holds a lease that its worker renews; a job whose lease ran out belongs to a
 * process that died and is claimed again. Failures back off exponentially; after {@code maxAttempts} claims the job
 * is dead. What the dashboard reads is {@link JobQueries}.
 */
public final class JobQueue implements Retention.Jobs {

    /** Back to queued, due at the first value, without spending an attempt. */
    private static final String REQUEUE = "state = 'queued', next_attempt_at = ?, lease_until = NULL,"
            + " attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END";

    /**
     * @param lease how long a claim holds a job (and its thread) unless its worker renews it
     * @param baseBackoff the wait before the second attempt, doubling after each failure up to {@code maxBackoff}
     */
    public record Policy(int maxAttempts, Duration lease, Duration baseBackoff, Duration maxBackoff) {}

    private final SerialWriter writer;
    private final Deliveries deliveries;
    private final Clock clock;
    private final Policy policy;
    private final JobClaims claims;

    public JobQueue(Database db, SerialWriter writer, Deliveries deliveries, Clock clock, Policy policy) {
        this.writer = writer;
        this.deliveries = deliveries;
        this.clock = clock;
        this.policy = policy;
        this.claims = new JobClaims(db, writer, clock, policy.maxAttempts(), policy.lease());
    }

    public Duration lease() {
        return policy.lease();
    }

    /**
     * Stores a delivery the bot handles and queues its job, in one transaction: {@link DeliveryOutcome#QUEUED}, or
     * {@link DeliveryOutcome#REDELIVERY} / {@link DeliveryOutcome#DUPLICATE} with no job (see {@link
     * Deliveries#store}).
     */
    public DeliveryOutcome enqueue(Delivery d) {
        return enqueueAt(d, clock.instant());
    }

    /**
     * As {@link #enqueue}, with the job not claimed before {@code notBefore}: work to do later (a head start, a
     * containment after a delay) waits in the queue as a rate-limited job does, in every process, across restarts.
     */
    public DeliveryOutcome enqueueAt(Delivery d, Instant notBefore) {
        return writer.inTransaction(c -> {
            long now = clock.millis();
            DeliveryOutcome outcome = deliveries.store(c, d, now);
            if (outcome == DeliveryOutcome.QUEUED) {
                JobRows.execute(
                        c,
                        """
                        INSERT INTO jobs (delivery_id, state, attempts, next_attempt_at, created_at, thread_key,
                                          installation_id)
                        VALUES (?, 'queued', 0, ?, ?, ?, ?)""",
                        d.id(),
                        Math.max(now, notBefore.toEpochMilli()),
                        now,
                        d.threadKey(),
                        d.installationId());
            }
            return outcome;
        });
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
        return finish(jobId, workerId, "state = 'done', finished_at = ?, lease_until = NULL", clock.millis()) == 1;
    }

    /**
     * Records a failure: back to queued with exponential back-off, or dead after {@code maxAttempts} attempts.
     * Returns the state the job is now in (or empty if this worker no longer held it).
     */
    public Optional<JobState> fail(long jobId, String workerId, int attempts, String error) {
        if (attempts >= policy.maxAttempts()) {
            return deadLetter(jobId, workerId, error) ? Optional.of(JobState.DEAD) : Optional.empty();
        }
        long due = clock.millis() + backoff(attempts).toMillis();
        String set = "state = 'queued', next_attempt_at = ?, lease_until = NULL, last_error = ?";
        return finish(jobId, workerId, set, due, error) == 1 ? Optional.of(JobState.QUEUED) : Optional.empty();
    }

    /**
     * Puts a job this worker holds back in the queue, due at {@code notBefore}, without spending an attempt: it was
     * told to wait (a rate limit of its own), not failed. False if the worker no longer held it.
     */
    public boolean reschedule(long jobId, String workerId, Instant notBefore, String reason) {
        return finish(jobId, workerId, REQUEUE + ", last_error = ?", notBefore.toEpochMilli(), reason) == 1;
    }

    /**
     * Puts a job interrupted by shutdown back in the queue, due now, without spending an attempt. Its thread's lease
     * is kept until it runs out: a handler that ignores the interrupt may still be running in this process, and no
     * other process starts the same thread meanwhile. False if the worker no longer held the job.
     */
    public boolean requeueInterrupted(long jobId, String workerId) {
        String sql = held(REQUEUE + ", last_error = 'interrupted by shutdown'");
        return writer.inTransaction(c -> JobRows.execute(c, sql, clock.millis(), jobId, workerId)) == 1;
    }

    /** Dead-letters a job at once: its failure is one that retrying cannot fix. */
    public boolean deadLetter(long jobId, String workerId, String error) {
        String set = "state = 'dead', finished_at = ?, lease_until = NULL, last_error = ?";
        return finish(jobId, workerId, set, clock.millis(), error) == 1;
    }

    /** Delay before the attempt after {@code attempts} failed ones: base, 2 x base, 4 x base, … capped. */
    public Duration backoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration d = policy.baseBackoff().multipliedBy(factor);
        return d.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : d;
    }

    /**
     * Puts a job that met a rate limit back in the queue for the moment the limit lifts, without counting its
     * attempt, and holds back every job of the same installation until then, in every process: queued ones are
     * due then, and the installation's pause keeps any other (queued later, or retried) from being claimed before.
     */
    public boolean postpone(long jobId, String workerId, long installationId, Instant until, String error) {
        long at = until.toEpochMilli();
        return writer.inTransaction(c -> {
            int n = JobRows.finish(c, jobId, workerId, held(REQUEUE + ", last_error = ?"), at, error, jobId, workerId);
            JobRows.execute(c, """
                    UPDATE jobs SET next_attempt_at = ?
                    WHERE state = 'queued' AND next_attempt_at < ? AND installation_id = ?""", at, at, installationId);
            pause(c, installationId, at, error);
            return n == 1;
        });
    }

    /**
     * No job of the installation is claimed before {@code notBefore} (GitHub's rate-limit reset), by any process.
     * A later pause extends an earlier one; an earlier one never shortens it.
     */
    public void pauseInstallation(long installationId, Instant notBefore, String reason) {
        writer.inTransaction(c -> pause(c, installationId, notBefore.toEpochMilli(), reason));
    }

    private static int pause(Connection c, long installationId, long notBefore, String reason) throws SQLException {
        return JobRows.execute(c, """
                INSERT INTO installation_pauses (installation_id, not_before, reason) VALUES (?, ?, ?)
                ON CONFLICT (installation_id) DO UPDATE SET not_before = excluded.not_before, reason = excluded.reason
                WHERE installation_pauses.not_before < excluded.not_before""", installationId, notBefore, reason);
    }

    @Override
    public int deleteDoneBefore(long cutoff) {
        return writer.inTransaction(
                c -> JobRows.execute(c, "DELETE FROM jobs WHERE state = 'done' AND finished_at < ?", cutoff));
    }

    /** Uninstall: the installation's queued jobs are closed without running (GitHub would refuse them anyway). */
    @Override
    public void closeQueued(long installationId) {
        writer.inTransaction(c -> JobRows.execute(c, """
                UPDATE jobs SET state = 'done', finished_at = ?, last_error = 'installation deleted before it ran'
                WHERE state = 'queued' AND delivery_id IN
                    (SELECT delivery_id FROM deliveries WHERE installation_id = ?)""", clock.millis(), installationId));
    }

    /** Sets {@code set} (its values first) on the job if the worker still holds it, releasing its thread's lease. */
    private int finish(long jobId, String workerId, String set, Object... values) {
        Object[] args = Arrays.copyOf(values, values.length + 2);
        args[values.length] = jobId;
        args[values.length + 1] = workerId;
        return writer.inTransaction(c -> JobRows.finish(c, jobId, workerId, held(set), args));
    }

    private static String held(String set) {
        return "UPDATE jobs SET " + set + " WHERE id = ? AND claimed_by = ? AND state = 'running'";
    }
}
