package dev.aisectriage.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.event.WebhookEvent;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.SerialWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable job queue in SQLite. A claim is one UPDATE, so two workers (or two processes) never hold the same
 * job. A running job holds a lease that its worker renews; a job whose lease ran out belongs to a process that died
 * and is claimed again. Failures back off exponentially; after {@code maxAttempts} claims the job is dead.
 */
public final class JobQueue {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final SerialWriter writer;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration lease;
    private final Duration baseBackoff;
    private final Duration maxBackoff;

    public JobQueue(
            Database db,
            SerialWriter writer,
            Clock clock,
            int maxAttempts,
            Duration lease,
            Duration baseBackoff,
            Duration maxBackoff) {
        this.db = db;
        this.writer = writer;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.lease = lease;
        this.baseBackoff = baseBackoff;
        this.maxBackoff = maxBackoff;
    }

    public Duration lease() {
        return lease;
    }

    /**
     * Claims the next job that is due: a queued job whose back-off is over, or a running job whose lease expired
     * (its process died). Abandoned jobs that already used every attempt are dead-lettered instead of re-run.
     */
    public Optional<Job> claim(String workerId) {
        long now = clock.millis();
        return writer.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE jobs SET state = 'dead', finished_at = ?, lease_until = NULL,
                        last_error = COALESCE(last_error || ' / ', '') || 'abandoned by ' || claimed_by
                                     || ' (lease expired) after ' || attempts || ' attempts'
                    WHERE state = 'running' AND lease_until < ? AND attempts >= ?""")) {
                s.setLong(1, now);
                s.setLong(2, now);
                s.setInt(3, maxAttempts);
                s.executeUpdate();
            }
            long id;
            int attempts;
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE jobs SET state = 'running', attempts = attempts + 1, claimed_by = ?, claimed_at = ?,
                        lease_until = ?
                    WHERE id = (SELECT id FROM jobs
                                WHERE (state = 'queued' AND next_attempt_at <= ?)
                                   OR (state = 'running' AND lease_until < ?)
                                ORDER BY next_attempt_at, id LIMIT 1)
                    RETURNING id, attempts""")) {
                s.setString(1, workerId);
                s.setLong(2, now);
                s.setLong(3, now + lease.toMillis());
                s.setLong(4, now);
                s.setLong(5, now);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    id = rs.getLong(1);
                    attempts = rs.getInt(2);
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT d.delivery_id, d.event, d.action, d.installation_id, d.repository, d.payload, d.received_at
                    FROM jobs j JOIN deliveries d ON d.delivery_id = j.delivery_id WHERE j.id = ?""")) {
                s.setLong(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    long installation = rs.getLong(4);
                    Long installationId = rs.wasNull() ? null : installation;
                    WebhookEvent event = new WebhookEvent(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            installationId,
                            rs.getString(5),
                            parse(rs.getString(6)));
                    return Optional.of(new Job(id, attempts, rs.getLong(7), event));
                }
            }
        });
    }

    /** Extends the lease of a job this worker still holds; false if it lost the job. */
    public boolean renewLease(long jobId, String workerId) {
        return update(
                        "UPDATE jobs SET lease_until = ? WHERE id = ? AND claimed_by = ? AND state = 'running'",
                        clock.millis() + lease.toMillis(),
                        jobId,
                        workerId)
                == 1;
    }

    /** Marks the job done; false if this worker no longer held it (its lease had expired and it was re-claimed). */
    public boolean complete(long jobId, String workerId) {
        return update("""
                UPDATE jobs SET state = 'done', finished_at = ?, lease_until = NULL
                WHERE id = ? AND claimed_by = ? AND state = 'running'""", clock.millis(), jobId, workerId) == 1;
    }

    /**
     * Records a failure: back to queued with exponential back-off, or dead after {@code maxAttempts} attempts.
     * Returns the state the job is now in (or empty if this worker no longer held it).
     */
    public Optional<JobState> fail(long jobId, String workerId, int attempts, String error) {
        long now = clock.millis();
        if (attempts >= maxAttempts) {
            int n = update("""
                    UPDATE jobs SET state = 'dead', finished_at = ?, lease_until = NULL, last_error = ?
                    WHERE id = ? AND claimed_by = ? AND state = 'running'""", now, error, jobId, workerId);
            return n == 1 ? Optional.of(JobState.DEAD) : Optional.empty();
        }
        int n = update("""
                UPDATE jobs SET state = 'queued', next_attempt_at = ?, lease_until = NULL, last_error = ?
                WHERE id = ? AND claimed_by = ? AND state = 'running'""", now + backoff(attempts).toMillis(), error, jobId, workerId);
        return n == 1 ? Optional.of(JobState.QUEUED) : Optional.empty();
    }

    /** Dead-letters a job at once: its failure is one that retrying cannot fix. */
    public boolean deadLetter(long jobId, String workerId, String error) {
        return update("""
                UPDATE jobs SET state = 'dead', finished_at = ?, lease_until = NULL, last_error = ?
                WHERE id = ? AND claimed_by = ? AND state = 'running'""", clock.millis(), error, jobId, workerId) == 1;
    }

    /**
     * Puts a job that met a rate limit back in the queue for the moment the limit lifts, without counting its
     * attempt, and holds back every other queued job of the same installation until then.
     */
    public boolean postpone(long jobId, String workerId, long installationId, java.time.Instant until, String error) {
        long at = until.toEpochMilli();
        return writer.inTransaction(c -> {
            int n;
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE jobs SET state = 'queued', attempts = MAX(attempts - 1, 0), next_attempt_at = ?,
                        lease_until = NULL, last_error = ?
                    WHERE id = ? AND claimed_by = ? AND state = 'running'""")) {
                s.setLong(1, at);
                s.setString(2, error);
                s.setLong(3, jobId);
                s.setString(4, workerId);
                n = s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE jobs SET next_attempt_at = ?
                    WHERE state = 'queued' AND next_attempt_at < ?
                      AND delivery_id IN (SELECT delivery_id FROM deliveries WHERE installation_id = ?)""")) {
                s.setLong(1, at);
                s.setLong(2, at);
                s.setLong(3, installationId);
                s.executeUpdate();
            }
            return n == 1;
        });
    }

    /** Delay before the attempt after {@code attempts} failed ones: base, 2 x base, 4 x base, … capped. */
    public Duration backoff(int attempts) {
        long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
        Duration d = baseBackoff.multipliedBy(factor);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    /** Number of jobs in each state (every state present, zero if none). */
    public Map<JobState, Long> countByState() {
        return db.inTransaction(c -> {
            Map<JobState, Long> counts = new EnumMap<>(JobState.class);
            for (JobState s : JobState.values()) {
                counts.put(s, 0L);
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT state, COUNT(*) FROM jobs GROUP BY state")) {
                while (rs.next()) {
                    counts.put(JobState.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    /** Dead-lettered jobs, newest first. */
    public List<DeadLetter> deadLetters(int limit) {
        return db.inTransaction(c -> {
            List<DeadLetter> list = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT j.id, j.delivery_id, d.event, d.action, d.repository, j.attempts, j.last_error
                    FROM jobs j JOIN deliveries d ON d.delivery_id = j.delivery_id
                    WHERE j.state = 'dead' ORDER BY j.finished_at DESC LIMIT ?""")) {
                s.setInt(1, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        list.add(new DeadLetter(
                                rs.getLong(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getInt(6),
                                rs.getString(7)));
                    }
                }
            }
            return list;
        });
    }

    /** Puts a dead job back in the queue with a fresh attempt count (after the cause was fixed). */
    public boolean retryDead(long jobId) {
        return update("""
                UPDATE jobs SET state = 'queued', attempts = 0, next_attempt_at = ?, finished_at = NULL,
                    claimed_by = NULL, claimed_at = NULL
                WHERE id = ? AND state = 'dead'""", clock.millis(), jobId) == 1;
    }

    /** The state of the job of a delivery, if it has one. */
    public Optional<JobState> stateOf(String deliveryId) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT state FROM jobs WHERE delivery_id = ?")) {
                s.setString(1, deliveryId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next()
                            ? Optional.of(JobState.valueOf(rs.getString(1).toUpperCase(java.util.Locale.ROOT)))
                            : Optional.empty();
                }
            }
        });
    }

    private int update(String sql, Object... args) {
        return writer.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    s.setObject(i + 1, args[i]);
                }
                return s.executeUpdate();
            }
        });
    }

    private static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            // The payload was parsed once before it was stored; failing here means the row was edited by hand.
            throw new UncheckedIOException("stored payload is not JSON", e);
        }
    }
}
