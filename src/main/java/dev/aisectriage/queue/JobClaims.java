package dev.aisectriage.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Claims of jobs and their leases. A claim is one transaction that takes the job and its thread's lease, so two
 * workers (or two processes) never hold the same job nor two jobs of one thread.
 */
final class JobClaims {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Jobs of busy threads looked past in one claim before giving up until the next poll. */
    private static final int MAX_CANDIDATES = 8;

    private final Database db;
    private final SerialWriter writer;
    private final Clock clock;
    private final int maxAttempts;
    private final Duration lease;

    JobClaims(Database db, SerialWriter writer, Clock clock, int maxAttempts, Duration lease) {
        this.db = db;
        this.writer = writer;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.lease = lease;
    }

    /** See {@link JobQueue#claim}. */
    Optional<Job> claim(String workerId) {
        long now = clock.millis();
        return writer.inTransaction(c -> {
            deadLetterAbandoned(c, now);
            List<Long> busy = new ArrayList<>();
            for (int tries = 0; tries < MAX_CANDIDATES; tries++) {
                Optional<Candidate> next = next(c, now, busy);
                if (next.isEmpty()) {
                    return Optional.empty();
                }
                Candidate candidate = next.get();
                String threadKey = candidate.threadKey();
                if (threadKey != null && !ThreadLeases.acquire(c, threadKey, workerId, now, now + lease.toMillis())) {
                    busy.add(candidate.id()); // another process took the thread between our read and our write
                    continue;
                }
                int attempts = take(c, candidate.id(), workerId, now);
                return Optional.of(load(c, candidate.id(), attempts, workerId));
            }
            return Optional.empty();
        });
    }

    /** See {@link JobQueue#renewLease}. */
    boolean renewLease(long jobId, String workerId) {
        long until = clock.millis() + lease.toMillis();
        return writer.inTransaction(c -> {
            int n = JobRows.execute(
                    c,
                    "UPDATE jobs SET lease_until = ? WHERE id = ? AND claimed_by = ? AND state = 'running'",
                    until,
                    jobId,
                    workerId);
            String threadKey = JobRows.threadKey(c, jobId);
            if (n == 1 && threadKey != null) {
                ThreadLeases.renew(c, threadKey, workerId, until);
            }
            return n == 1;
        });
    }

    /** Abandoned jobs (lease expired) that already used every attempt are dead-lettered instead of re-run. */
    private void deadLetterAbandoned(Connection c, long now) throws SQLException {
        JobRows.execute(c, """
                UPDATE jobs SET state = 'dead', finished_at = ?, lease_until = NULL,
                    last_error = COALESCE(last_error || ' / ', '') || 'abandoned by ' || claimed_by
                                 || ' (lease expired) after ' || attempts || ' attempts'
                WHERE state = 'running' AND lease_until < ? AND attempts >= ?""", now, now, maxAttempts);
    }

    private record Candidate(long id, String threadKey) {}

    /** The next due job whose thread is not leased and whose installation is not paused, past {@code busy}. */
    private Optional<Candidate> next(Connection c, long now, List<Long> busy) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
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
            for (int i = 1; i <= 4; i++) {
                s.setLong(i, now);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Candidate(rs.getLong(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    /** Marks the job running for this worker; returns its attempts, this one counted. */
    private int take(Connection c, long id, String workerId, long now) throws SQLException {
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
                return rs.getInt(1);
            }
        }
    }

    private static Job load(Connection c, long id, int attempts, String workerId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT d.delivery_id, d.event, d.action, d.installation_id, d.repository, d.thread_number,
                    d.semantic_key, d.payload, d.received_at, j.thread_key
                FROM jobs j JOIN deliveries d ON d.delivery_id = j.delivery_id WHERE j.id = ?""")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long installation = rs.getLong(4);
                Long installationId = rs.wasNull() ? null : installation;
                int number = rs.getInt(6);
                Integer threadNumber = rs.wasNull() ? null : number;
                String body = rs.getString(8);
                Delivery delivery = new Delivery(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        installationId,
                        rs.getString(5),
                        threadNumber,
                        rs.getString(7),
                        body,
                        parse(body));
                return new Job(id, attempts, rs.getLong(9), delivery, new Lease(rs.getString(10), workerId));
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

    private static JsonNode parse(String payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            // The payload was parsed once before it was stored; failing here means the row was edited by hand.
            throw new UncheckedIOException("stored payload is not JSON", e);
        }
    }
}
