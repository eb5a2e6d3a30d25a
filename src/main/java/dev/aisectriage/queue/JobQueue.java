package dev.aisectriage.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.event.WebhookEvent;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.SerialWriter;
import dev.aisectriage.store.ThreadLeases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable job queue in the store (SQLite or PostgreSQL). A claim is one transaction that takes the job and its
 * thread's lease, so two workers (or two processes) never hold the same job nor two jobs of one thread. A running job holds a lease that its worker renews; a job whose lease ran out belongs to a process that died
 * and is claimed again. Failures back off exponentially; after {@code maxAttempts} claims the job is dead.
 */
public final class JobQueue {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jobs of busy threads looked past in one claim before giving up until the next poll. */
    private static final int MAX_CANDIDATES = 8;

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
     * (its process died). Abandoned jobs that already used every attempt are dead-lettered instead of re-run. A job
     * whose thread is leased by another running job (in any process) or whose installation is paused is skipped:
     * the claim takes the thread's lease row with the job, so at most one job per thread runs at a time.
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
            List<Long> busy = new ArrayList<>();
            for (int tries = 0; tries < MAX_CANDIDATES; tries++) {
                Long id = null;
                String threadKey = null;
                try (PreparedStatement s =
                        c.prepareStatement("""
                        SELECT j.id, j.thread_key FROM jobs j
                        WHERE ((j.state = 'queued' AND j.next_attempt_at <= ?)
                               OR (j.state = 'running' AND j.lease_until < ?))
                          AND (j.thread_key IS NULL OR NOT EXISTS (
                                SELECT 1 FROM thread_leases l WHERE l.thread_key = j.thread_key AND l.lease_until >= ?))
                          AND (j.installation_id IS NULL OR NOT EXISTS (
                                SELECT 1 FROM installation_pauses p
                                WHERE p.installation_id = j.installation_id AND p.not_before > ?))
                        """ + skip(busy) + " ORDER BY j.next_attempt_at, j.id LIMIT 1"
                                + db.dialect().forUpdateSkipLocked())) {
                    s.setLong(1, now);
                    s.setLong(2, now);
                    s.setLong(3, now);
                    s.setLong(4, now);
                    try (ResultSet rs = s.executeQuery()) {
                        if (rs.next()) {
                            id = rs.getLong(1);
                            threadKey = rs.getString(2);
                        }
                    }
                }
                if (id == null) {
                    return Optional.empty();
                }
                if (threadKey != null && !ThreadLeases.acquire(c, threadKey, workerId, now, now + lease.toMillis())) {
                    busy.add(id); // another process took the thread between our read and our write
                    continue;
                }
                int attempts;
                try (PreparedStatement s = c.prepareStatement("""
                        UPDATE jobs SET state = 'running', attempts = attempts + 1, claimed_by = ?, claimed_at = ?,
                            lease_until = ?
                        WHERE id = ?
                        RETURNING attempts""")) {
                    s.setString(1, workerId);
                    s.setLong(2, now);
                    s.setLong(3, now + lease.toMillis());
                    s.setLong(4, id);
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        attempts = rs.getInt(1);
                    }
                }
                return Optional.of(load(c, id, attempts));
            }
            return Optional.empty();
        });
    }

    private static Job load(Connection c, long id, int attempts) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT d.delivery_id, d.event, d.action, d.installation_id, d.repository, d.payload, d.received_at,
                    j.thread_key
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
                return new Job(id, attempts, rs.getLong(7), event, rs.getString(8));
            }
        }
    }

    private static String skip(List<Long> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" AND j.id NOT IN (");
        for (int i = 0; i < ids.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(ids.get(i).longValue());
        }
        return b.append(')').toString();
    }

    /** Extends the lease of a job this worker still holds (and of its thread); false if it lost the job. */
    public boolean renewLease(long jobId, String workerId) {
        long until = clock.millis() + lease.toMillis();
        return writer.inTransaction(c -> {
            int n = execute(
                    c,
                    "UPDATE jobs SET lease_until = ? WHERE id = ? AND claimed_by = ? AND state = 'running'",
                    until,
                    jobId,
                    workerId);
            String threadKey = threadKey(c, jobId);
            if (n == 1 && threadKey != null) {
                ThreadLeases.renew(c, threadKey, workerId, until);
            }
            return n == 1;
        });
    }

    /** Marks the job done; false if this worker no longer held it (its lease had expired and it was re-claimed). */
    public boolean complete(long jobId, String workerId) {
        return finish(jobId, workerId, """
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
            int n = finish(jobId, workerId, """
                    UPDATE jobs SET state = 'dead', finished_at = ?, lease_until = NULL, last_error = ?
                    WHERE id = ? AND claimed_by = ? AND state = 'running'""", now, error, jobId, workerId);
            return n == 1 ? Optional.of(JobState.DEAD) : Optional.empty();
        }
        int n = finish(jobId, workerId, """
                UPDATE jobs SET state = 'queued', next_attempt_at = ?, lease_until = NULL, last_error = ?
                WHERE id = ? AND claimed_by = ? AND state = 'running'""", now + backoff(attempts).toMillis(), error, jobId, workerId);
        return n == 1 ? Optional.of(JobState.QUEUED) : Optional.empty();
    }

    /**
     * Puts a job this worker holds back in the queue, due at {@code notBefore}, without spending an attempt: it was
     * interrupted (shutdown) or told to wait (a rate limit), not failed. False if the worker no longer held it.
     */
    public boolean reschedule(long jobId, String workerId, Instant notBefore, String reason) {
        return finish(jobId, workerId, """
                UPDATE jobs SET state = 'queued', next_attempt_at = ?, lease_until = NULL,
                    attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END, last_error = ?
                WHERE id = ? AND claimed_by = ? AND state = 'running'""", notBefore.toEpochMilli(), reason, jobId, workerId) == 1;
    }

    /**
     * Puts a job interrupted by shutdown back in the queue, due now, without spending an attempt. Its thread's lease
     * is kept until it runs out: a handler that ignores the interrupt may still be running in this process, and no
     * other process starts the same thread meanwhile. False if the worker no longer held the job.
     */
    public boolean requeueInterrupted(long jobId, String workerId) {
        return update("""
                UPDATE jobs SET state = 'queued', next_attempt_at = ?, lease_until = NULL,
                    attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
                    last_error = 'interrupted by shutdown'
                WHERE id = ? AND claimed_by = ? AND state = 'running'""", clock.millis(), jobId, workerId) == 1;
    }

    /** Dead-letters a job at once: its failure is one that retrying cannot fix. */
    public boolean deadLetter(long jobId, String workerId, String error) {
        return finish(jobId, workerId, """
                UPDATE jobs SET state = 'dead', finished_at = ?, lease_until = NULL, last_error = ?
                WHERE id = ? AND claimed_by = ? AND state = 'running'""", clock.millis(), error, jobId, workerId) == 1;
    }

    /**
     * Puts a job that met a rate limit back in the queue for the moment the limit lifts, without counting its
     * attempt, and holds back every job of the same installation until then, in every process: queued ones are
     * due then, and the installation's pause keeps any other (queued later, or retried) from being claimed before.
     */
    public boolean postpone(long jobId, String workerId, long installationId, Instant until, String error) {
        long at = until.toEpochMilli();
        return writer.inTransaction(c -> {
            String threadKey = threadKey(c, jobId);
            int n = execute(c, """
                    UPDATE jobs SET state = 'queued', next_attempt_at = ?, lease_until = NULL, last_error = ?,
                        attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END
                    WHERE id = ? AND claimed_by = ? AND state = 'running'""", at, error, jobId, workerId);
            if (n == 1) {
                ThreadLeases.release(c, threadKey, workerId);
            }
            execute(c, """
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
        return execute(c, """
                INSERT INTO installation_pauses (installation_id, not_before, reason) VALUES (?, ?, ?)
                ON CONFLICT (installation_id) DO UPDATE SET not_before = excluded.not_before, reason = excluded.reason
                WHERE installation_pauses.not_before < excluded.not_before""", installationId, notBefore, reason);
    }

    /** Updates the job (first argument is the SQL) and releases its thread's lease in the same transaction. */
    private int finish(long jobId, String workerId, String sql, Object... args) {
        return writer.inTransaction(c -> {
            String threadKey = threadKey(c, jobId);
            int n = execute(c, sql, args);
            if (n == 1) {
                ThreadLeases.release(c, threadKey, workerId);
            }
            return n;
        });
    }

    private static String threadKey(Connection c, long jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT thread_key FROM jobs WHERE id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static int execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
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

    /** Drops a dead letter for good (its cause will not be fixed): it is then finished and ages out with the rest. */
    public boolean dismissDead(long jobId) {
        return update("""
                UPDATE jobs SET state = 'done', finished_at = ?,
                    last_error = COALESCE(last_error || ' / ', '') || 'dismissed'
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
        return writer.inTransaction(c -> execute(c, sql, args));
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
