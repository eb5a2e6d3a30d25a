package dev.aisectriage.support;

import dev.aisectriage.queue.JobQueries;
import dev.aisectriage.queue.JobQueue;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.SerialWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The job queue on a store, as the service builds it: its writer, the intake's deliveries, the queue, its views. */
public record TestQueue(SerialWriter writer, Deliveries deliveries, JobQueue queue, JobQueries queries) {

    public static TestQueue on(Database db, Clock clock, JobQueue.Policy policy) {
        SerialWriter writer = new SerialWriter(db);
        Deliveries deliveries = new Deliveries(db, writer::inTransaction, clock, Deliveries.DEDUPE_WINDOW);
        return new TestQueue(
                writer,
                deliveries,
                new JobQueue(db, writer, deliveries, clock, policy),
                new JobQueries(db, writer, clock));
    }

    /** {@code attempts} and {@code next_attempt_at} of a delivery's job, as the table holds them. */
    public static List<Long> job(Database db, String deliveryId) {
        return db.inTransaction(c -> {
            try (var s = c.prepareStatement("SELECT attempts, next_attempt_at FROM jobs WHERE delivery_id = ?")) {
                s.setString(1, deliveryId);
                try (var rs = s.executeQuery()) {
                    rs.next();
                    return List.of(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    /** A quick queue for workers on real time: a lease of 30 s, back-off from 20 ms up to 1 s. */
    public static final JobQueue.Policy QUICK =
            new JobQueue.Policy(3, Duration.ofSeconds(30), Duration.ofMillis(20), Duration.ofSeconds(1));

    /** Three attempts, a lease of {@code lease}, back-off from {@code base} up to {@code max}. */
    public static JobQueue.Policy policy(Duration lease, Duration base, Duration max) {
        return new JobQueue.Policy(3, lease, base, max);
    }
}
