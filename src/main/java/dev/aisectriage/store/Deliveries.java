package dev.aisectriage.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The deliveries table: every webhook GitHub sent, with what intake did with it. */
public final class Deliveries {

    private final Database db;
    private final SerialWriter writer;
    private final Clock clock;

    public Deliveries(Database db, SerialWriter writer, Clock clock) {
        this.db = db;
        this.writer = writer;
        this.clock = clock;
    }

    /**
     * Stores a delivery the bot handles and queues its job, in one transaction. Returns {@link
     * DeliveryOutcome#REDELIVERY} if the delivery id is already stored (nothing written), {@link
     * DeliveryOutcome#DUPLICATE} if another delivery with the same semantic key is already queued (stored, no job).
     */
    public DeliveryOutcome queue(Delivery d) {
        return writer.inTransaction(c -> {
            long now = clock.millis();
            // One statement decides queued-or-duplicate and writes, so the write lock is taken at once and two
            // concurrent copies of the same event cannot both be queued (the partial unique index backs this up).
            String outcome;
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT OR IGNORE INTO deliveries
                        (delivery_id, event, action, installation_id, repository, thread_number, semantic_key,
                         outcome, reason, payload, received_at)
                    SELECT ?, ?, ?, ?, ?, ?, ?, d.outcome,
                           CASE d.outcome WHEN 'duplicate' THEN 'same event already queued' END, ?, ?
                    FROM (SELECT CASE WHEN ? IS NOT NULL AND EXISTS (
                              SELECT 1 FROM deliveries WHERE semantic_key = ? AND outcome = 'queued')
                          THEN 'duplicate' ELSE 'queued' END AS outcome) d
                    RETURNING outcome""")) {
                int i = bind(s, d);
                s.setString(i++, d.payload());
                s.setLong(i++, now);
                s.setString(i++, d.semanticKey());
                s.setString(i, d.semanticKey());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        return DeliveryOutcome.REDELIVERY;
                    }
                    outcome = rs.getString(1);
                }
            }
            if ("queued".equals(outcome)) {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO jobs (delivery_id, state, attempts, next_attempt_at, created_at) VALUES (?, 'queued', 0, ?, ?)")) {
                    s.setString(1, d.deliveryId());
                    s.setLong(2, now);
                    s.setLong(3, now);
                    s.executeUpdate();
                }
            }
            return DeliveryOutcome.parse(outcome);
        });
    }

    /** Stores a delivery that is not processed ({@code ignored} with a reason, or {@code ping}); no job. */
    public DeliveryOutcome record(Delivery d, DeliveryOutcome outcome, String reason) {
        if (outcome != DeliveryOutcome.IGNORED && outcome != DeliveryOutcome.PING) {
            throw new IllegalArgumentException("record() stores ignored deliveries and pings, not " + outcome);
        }
        return writer.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT OR IGNORE INTO deliveries
                        (delivery_id, event, action, installation_id, repository, thread_number, semantic_key,
                         outcome, reason, payload, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                int i = bind(s, d);
                s.setString(i++, outcome.label());
                s.setString(i++, reason);
                s.setString(i++, d.payload());
                s.setLong(i, clock.millis());
                return s.executeUpdate() == 0 ? DeliveryOutcome.REDELIVERY : outcome;
            }
        });
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

    private static int bind(PreparedStatement s, Delivery d) throws SQLException {
        int i = 1;
        s.setString(i++, d.deliveryId());
        s.setString(i++, d.event());
        s.setString(i++, d.action());
        setNullableLong(s, i++, d.installationId());
        s.setString(i++, d.repository());
        setNullableLong(
                s, i++, d.threadNumber() == null ? null : d.threadNumber().longValue());
        s.setString(i++, d.semanticKey());
        return i;
    }

    static void setNullableLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, java.sql.Types.INTEGER);
        } else {
            s.setLong(index, value);
        }
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
