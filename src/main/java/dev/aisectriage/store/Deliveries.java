package dev.aisectriage.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The deliveries table: every webhook GitHub sent, with what intake did with it. */
public final class Deliveries {

    /** The same event seen again within this long is a duplicate; after it, it is processed as new. */
    public static final Duration DEDUPE_WINDOW = Duration.ofDays(1);

    private final Database db;
    private final SerialWriter writer;
    private final Clock clock;
    private final Duration dedupeWindow;

    public Deliveries(Database db, SerialWriter writer, Clock clock) {
        this(db, writer, clock, DEDUPE_WINDOW);
    }

    public Deliveries(Database db, SerialWriter writer, Clock clock, Duration dedupeWindow) {
        this.db = db;
        this.writer = writer;
        this.clock = clock;
        this.dedupeWindow = dedupeWindow;
    }

    /**
     * Stores a delivery the bot handles and queues its job, in one transaction. Returns {@link
     * DeliveryOutcome#REDELIVERY} if the delivery id is already stored (nothing written), {@link
     * DeliveryOutcome#DUPLICATE} if another delivery with the same semantic key was queued within the dedupe window
     * (stored, no job).
     */
    public DeliveryOutcome queue(Delivery d) {
        return writer.inTransaction(c -> {
            long now = clock.millis();
            // The primary key decides redelivery: a concurrent copy with the same id waits for this transaction and
            // then inserts nothing.
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO deliveries
                        (delivery_id, event, action, installation_id, repository, thread_number, semantic_key,
                         outcome, reason, payload, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'queued', NULL, ?, ?)
                    ON CONFLICT (delivery_id) DO NOTHING""")) {
                int i = bind(s, d);
                s.setString(i++, d.payload());
                s.setLong(i, now);
                if (s.executeUpdate() == 0) {
                    return DeliveryOutcome.REDELIVERY;
                }
            }
            if (d.semanticKey() != null && !claimSemanticKey(c, d, now)) {
                markDuplicate(c, d);
                return DeliveryOutcome.DUPLICATE;
            }
            insertJob(c, d, now);
            return DeliveryOutcome.QUEUED;
        });
    }

    private static void markDuplicate(Connection c, Delivery d) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE deliveries SET outcome = 'duplicate', reason = ? WHERE delivery_id = ?")) {
            s.setString(1, "same event already queued");
            s.setString(2, d.deliveryId());
            s.executeUpdate();
        }
    }

    private static void insertJob(Connection c, Delivery d, long now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO jobs (delivery_id, state, attempts, next_attempt_at, created_at, thread_key,
                                  installation_id)
                VALUES (?, 'queued', 0, ?, ?, ?, ?)""")) {
            s.setString(1, d.deliveryId());
            s.setLong(2, now);
            s.setLong(3, now);
            s.setString(4, threadKey(d.repository(), d.threadNumber()));
            setNullableLong(s, 5, d.installationId());
            s.executeUpdate();
        }
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
            s.setString(2, d.deliveryId());
            s.setLong(3, now);
            s.setLong(4, now - dedupeWindow.toMillis());
            return s.executeUpdate() == 1;
        }
    }

    /** The key of a thread's lease: {@code owner/repo#12}, or null when the event has no thread. */
    public static String threadKey(String repository, Integer number) {
        return repository == null || number == null ? null : repository + "#" + number;
    }

    /** Stores a delivery that is not processed ({@code ignored} with a reason, or {@code ping}); no job. */
    public DeliveryOutcome record(Delivery d, DeliveryOutcome outcome, String reason) {
        if (outcome != DeliveryOutcome.IGNORED && outcome != DeliveryOutcome.PING) {
            throw new IllegalArgumentException("record() stores ignored deliveries and pings, not " + outcome);
        }
        return writer.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO deliveries
                        (delivery_id, event, action, installation_id, repository, thread_number, semantic_key,
                         outcome, reason, payload, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (delivery_id) DO NOTHING""")) {
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
