package dev.aisectriage.store;

import dev.aisectriage.core.Delivery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The deliveries table: every webhook received, with what the intake did with it. A handled delivery is stored by
 * the job queue ({@code queue/JobQueue#enqueue}) in the transaction that queues its job, through {@link #store}.
 */
public record Deliveries(Database db, Writes writes, Clock clock, Duration dedupeWindow) {

    /** The same event seen again within this long is a duplicate; after it, it is processed as new. */
    public static final Duration DEDUPE_WINDOW = Duration.ofDays(1);

    /**
     * Stores a delivery the bot handles, inside the caller's transaction. Returns {@link DeliveryOutcome#REDELIVERY}
     * if the delivery id is already stored (nothing written), {@link DeliveryOutcome#DUPLICATE} if another delivery
     * with the same semantic key was queued within the dedupe window (stored, no job), else {@link
     * DeliveryOutcome#QUEUED}: the caller queues its job in the same transaction.
     */
    public DeliveryOutcome store(Connection c, Delivery d, long now) throws SQLException {
        // The primary key decides redelivery: a concurrent copy with the same id waits for this transaction and
        // then inserts nothing.
        if (insert(c, d, DeliveryOutcome.QUEUED, null, now) == 0) {
            return DeliveryOutcome.REDELIVERY;
        }
        if (d.semanticKey() != null && !claimSemanticKey(c, d, now)) {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE deliveries SET outcome = 'duplicate', reason = ? WHERE delivery_id = ?")) {
                s.setString(1, "same event already queued");
                s.setString(2, d.id());
                s.executeUpdate();
            }
            return DeliveryOutcome.DUPLICATE;
        }
        return DeliveryOutcome.QUEUED;
    }

    /**
     * Takes the semantic key for this delivery unless another delivery holds it within the window. The primary key
     * of {@code semantic_keys} is the arbiter: two concurrent copies cannot both take it.
     */
    private boolean claimSemanticKey(Connection c, Delivery d, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO semantic_keys (semantic_key, delivery_id, queued_at) VALUES (?, ?, ?)
                ON CONFLICT (semantic_key) DO UPDATE SET delivery_id = excluded.delivery_id,
                    queued_at = excluded.queued_at
                WHERE semantic_keys.queued_at < ?""")) {
            s.setString(1, d.semanticKey());
            s.setString(2, d.id());
            s.setLong(3, now);
            s.setLong(4, now - dedupeWindow.toMillis());
            return s.executeUpdate() == 1;
        }
    }

    /** Stores a delivery that is not processed ({@code ignored} with a reason, or {@code ping}); no job. */
    public DeliveryOutcome record(Delivery d, DeliveryOutcome outcome, String reason) {
        if (outcome != DeliveryOutcome.IGNORED && outcome != DeliveryOutcome.PING) {
            throw new IllegalArgumentException("record() stores ignored deliveries and pings, not " + outcome);
        }
        return writes.inTransaction(
                c -> insert(c, d, outcome, reason, clock.millis()) == 0 ? DeliveryOutcome.REDELIVERY : outcome);
    }

    private static int insert(Connection c, Delivery d, DeliveryOutcome outcome, String reason, long now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO deliveries
                    (delivery_id, event, action, installation_id, repository, thread_number, semantic_key,
                     outcome, reason, payload, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (delivery_id) DO NOTHING""")) {
            s.setString(1, d.id());
            s.setString(2, d.event());
            s.setString(3, d.action());
            s.setObject(4, d.installationId());
            s.setString(5, d.repository());
            s.setObject(6, d.threadNumber());
            s.setString(7, d.semanticKey());
            s.setString(8, outcome.label());
            s.setString(9, reason);
            s.setString(10, d.body());
            s.setLong(11, now);
            return s.executeUpdate();
        }
    }

    /** The stored outcome of a delivery id, if it was stored. */
    public Optional<DeliveryOutcome> outcomeOf(String deliveryId) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT outcome FROM deliveries WHERE delivery_id = ?")) {
                s.setString(1, deliveryId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(DeliveryOutcome.parse(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /** Number of stored deliveries per outcome label. */
    public Map<String, Long> countByOutcome() {
        return db.inTransaction(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            try (ResultSet rs = c.createStatement()
                    .executeQuery("SELECT outcome, COUNT(*) FROM deliveries GROUP BY outcome ORDER BY outcome")) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    /** Number of stored deliveries. */
    public long count() {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM deliveries")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
