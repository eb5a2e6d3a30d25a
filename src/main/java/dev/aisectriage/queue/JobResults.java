package dev.aisectriage.queue;

import dev.aisectriage.store.SerialWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a worker's run of a job ends in the store: done, failed (back off, or dead after {@code maxAttempts}),
 * dead-lettered at once, or put back without spending an attempt. Each is a no-op returning false (or empty) when
 * the worker no longer holds the job, and releases the job's thread lease with it in one transaction.
 */
final class JobResults {

    /** Back to queued, due at the first value, without spending an attempt. */
    private static final String REQUEUE = "state = 'queued', next_attempt_at = ?, lease_until = NULL,"
            + " attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END";

    private final SerialWriter writer;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration baseBackoff;
    private final Duration maxBackoff;

    JobResults(SerialWriter writer, Clock clock, int maxAttempts, Duration baseBackoff, Duration maxBackoff) {
        this.writer = writer;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.baseBackoff = baseBackoff;
        this.maxBackoff = maxBackoff;
    }

    boolean complete(long jobId, String workerId) {
        return finish(jobId, workerId, "state = 'done', finished_at = ?, lease_until = NULL", clock.millis()) == 1;
    }

    Optional<JobState> fail(long jobId, String workerId, int attempts, String error) {
        if (attempts >= maxAttempts) {
            return deadLetter(jobId, workerId, error) ? Optional.of(JobState.DEAD) : Optional.empty();
        }
        long due = clock.millis() + backoff(attempts).toMillis();
        int n = finish(
                jobId,
                workerId,
                "state = 'queued', next_attempt_at = ?, lease_until = NULL, last_error = ?",
                due,
                error);
        return n == 1 ? Optional.of(JobState.QUEUED) : Optional.empty();
    }

    boolean reschedule(long jobId, String workerId, Instant notBefore, String reason) {
        long due = notBefore.toEpochMilli();
        return finish(jobId, workerId, REQUEUE + ", last_error = ?", due, reason) == 1;
    }

    /** Unlike the others, keeps the thread's lease (see {@link JobQueue#requeueInterrupted}). */
    boolean requeueInterrupted(long jobId, String workerId) {
        String sql = held(REQUEUE + ", last_error = 'interrupted by shutdown'");
        return writer.inTransaction(c -> JobRows.execute(c, sql, clock.millis(), jobId, workerId)) == 1;
    }

    boolean deadLetter(long jobId, String workerId, String error) {
        String set = "state = 'dead', finished_at = ?, lease_until = NULL, last_error = ?";
        return finish(jobId, workerId, set, clock.millis(), error) == 1;
    }

    /** Delay before the attempt after {@code attempts} failed ones: base, 2 x base, 4 x base, … capped. */
    Duration backoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration d = baseBackoff.multipliedBy(factor);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
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
