package dev.aisectriage.queue;

import dev.aisectriage.store.Database;
import dev.aisectriage.store.SerialWriter;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the dashboard, the metrics and the tests read of the job queue, and the dashboard's two dead-letter buttons
 * (retry, dismiss).
 */
public record JobQueries(Database db, SerialWriter writer, Clock clock) {

    /** Number of jobs in each state (every state present, zero if none). */
    public Map<JobState, Long> countByState() {
        return db.inTransaction(c -> {
            Map<JobState, Long> counts = new EnumMap<>(JobState.class);
            for (JobState s : JobState.values()) {
                counts.put(s, 0L);
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT state, COUNT(*) FROM jobs GROUP BY state")) {
                while (rs.next()) {
                    counts.put(JobRows.state(rs.getString(1)), rs.getLong(2));
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
                    return rs.next() ? Optional.of(JobRows.state(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    private int update(String sql, Object... args) {
        return writer.inTransaction(c -> JobRows.execute(c, sql, args));
    }
}
