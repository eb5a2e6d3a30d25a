package dev.aisectriage.support;

import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.queue.JobQueries;
import dev.aisectriage.queue.JobQueue;
import dev.aisectriage.queue.JobQueueWorkers;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.SerialWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The job queue on a fresh store for each test ({@code @RegisterExtension}), as the service builds it: SQLite in a
 * folder of its own, or a new schema on the PostgreSQL server ({@link TestStore}); closed after the test.
 */
public final class QueueOnStore implements BeforeEachCallback, AfterEachCallback {

    private final Supplier<TestStore> store;
    private final Clock clock;
    private final JobQueue.Policy policy;
    private Path folder;
    private Database db;
    private TestQueue queue;

    /** @param store which store, asked before each test (a class parameterized over {@link TestStore} gives its own) */
    public QueueOnStore(Supplier<TestStore> store, Clock clock, JobQueue.Policy policy) {
        this.store = store;
        this.clock = clock;
        this.policy = policy;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        folder = Files.createTempDirectory("queue-store-");
        db = store.get().open(folder);
        queue = TestQueue.on(db, clock, policy);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (queue != null) { // null when the store was not there (PostgreSQL without TEST_DATABASE_URL)
            queue.writer().close();
        }
        if (db != null) {
            db.close();
        }
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    public Database db() {
        return db;
    }

    public SerialWriter writer() {
        return queue.writer();
    }

    public Deliveries deliveries() {
        return queue.deliveries();
    }

    public JobQueue queue() {
        return queue.queue();
    }

    public JobQueries queries() {
        return queue.queries();
    }

    /** {@code size} workers on this queue, started now: idle ones poll every 50 ms, close drains for 10 s. */
    public JobQueueWorkers workers(EventRoutes routes, int size, JobQueueWorkers.Observer observer) {
        return new JobQueueWorkers(
                queue(),
                routes,
                observer,
                new JobQueueWorkers.Settings(
                        size, Duration.ofMillis(50), Duration.ofSeconds(10), Duration.ofSeconds(120)));
    }

    /** {@code attempts} and {@code next_attempt_at} of a delivery's job, as the table holds them. */
    public List<Long> job(String deliveryId) {
        return TestQueue.job(db, deliveryId);
    }
}
