package dev.aisectriage.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.Delivery;
import dev.aisectriage.store.RetryLater;
import dev.aisectriage.store.SerialWriter;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@Timeout(60)
@ParameterizedClass
@EnumSource(TestStore.class)
class JobQueueWorkersTest {

    @Parameter
    TestStore store;

    @TempDir
    Path dir;

    Database db;
    Deliveries deliveries;
    JobQueue queue;
    final List<JobState> finished = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        db = store.open(dir);
        SerialWriter writer = new SerialWriter(db);
        deliveries = new Deliveries(db, writer, Clock.systemUTC());
        queue = new JobQueue(
                db, writer, Clock.systemUTC(), 3, Duration.ofSeconds(30), Duration.ofMillis(20), Duration.ofSeconds(1));
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void handlerThatAlwaysFailsIsRetriedThenDeadLettered() {
        // given a handler that always throws
        AtomicInteger calls = new AtomicInteger();
        EventRoutes routes = new EventRoutes().on("issues.opened", e -> {
            calls.incrementAndGet();
            throw new IllegalStateException("GitHub said 502");
        });
        deliveries.queue(delivery("d-fail"));

        // when the workers run
        try (JobQueueWorkers workers = workers(routes)) {
            Eventually.await(
                    Duration.ofSeconds(20), () -> queue.stateOf("d-fail").orElseThrow() == JobState.DEAD, "job dead");
        }

        // then it ran three times, backed off in between, and is dead with the last error
        assertThat(calls).hasValue(3);
        assertThat(finished).containsExactly(JobState.QUEUED, JobState.QUEUED, JobState.DEAD);
        assertThat(queue.deadLetters(1).get(0).lastError()).contains("GitHub said 502");
    }

    @Test
    void handlerThatFailsOnceSucceedsOnRetry() {
        AtomicInteger calls = new AtomicInteger();
        EventRoutes routes = new EventRoutes().on("issues.opened", e -> {
            if (calls.incrementAndGet() == 1) {
                throw new java.io.IOException("timeout");
            }
        });
        deliveries.queue(delivery("d-flaky"));

        try (JobQueueWorkers workers = workers(routes)) {
            Eventually.await(
                    Duration.ofSeconds(20), () -> queue.stateOf("d-flaky").orElseThrow() == JobState.DONE, "job done");
        }

        assertThat(calls).hasValue(2);
    }

    @Test
    void closeWaitsForTheJobInFlight() throws Exception {
        // given a job that is in the middle of its handler
        CountDownLatch started = new CountDownLatch(1);
        EventRoutes routes = new EventRoutes().on("issues.opened", e -> {
            started.countDown();
            Thread.sleep(700);
        });
        deliveries.queue(delivery("d-slow"));
        JobQueueWorkers workers = workers(routes);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        // when the pool is closed
        workers.close();

        // then the job finished before close returned
        assertThat(queue.stateOf("d-slow")).contains(JobState.DONE);
    }

    @Test
    void jobInterruptedByShutdownGoesBackToTheQueueWithoutSpendingAnAttempt() throws Exception {
        // given a job blocked in a GitHub call when shutdown runs out of patience (the interrupt arrives wrapped, as
        // the gateway wraps it)
        CountDownLatch started = new CountDownLatch(1);
        EventRoutes routes = new EventRoutes().on("issues.opened", e -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException interrupted) {
                throw new IllegalStateException("GitHub call interrupted", interrupted);
            }
        });
        deliveries.queue(delivery("d-interrupted"));
        JobQueueWorkers workers = workers(routes, Duration.ofMillis(200));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        // when the pool is closed and its drain timeout passes
        workers.close();

        // then the job is queued again with no attempt spent and no failure counted; its thread stays leased until
        // the lease runs out (the handler might ignore the interrupt), then the next process takes it
        assertThat(queue.stateOf("d-interrupted")).contains(JobState.QUEUED);
        assertThat(attempts("d-interrupted")).isZero();
        assertThat(finished).isEmpty();
        assertThat(queue.claim("next-process")).isEmpty();
        db.writeTransaction(c -> c.createStatement().executeUpdate("UPDATE thread_leases SET lease_until = 0"));
        assertThat(queue.claim("next-process").orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void jobToldToRetryLaterIsRescheduledWithoutSpendingAnAttemptAndPausesItsInstallation() {
        // given a handler that meets GitHub's rate limit for installation 9
        Instant reset = Instant.now().plusSeconds(3600);
        EventRoutes routes = new EventRoutes().on("issues.opened", e -> {
            throw new RetryLater("rate limited", 9L, reset);
        });
        deliveries.queue(delivery("d-limited"));

        // when the workers run it
        try (JobQueueWorkers workers = workers(routes)) {
            Eventually.await(
                    Duration.ofSeconds(10),
                    () -> queue.pausedUntil(9L).isPresent()
                            && queue.stateOf("d-limited").orElseThrow() == JobState.QUEUED,
                    "job rescheduled");
        }

        // then the job waits until the reset with its attempt given back, and the installation is paused until then
        assertThat(queue.pausedUntil(9L)).contains(reset.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(queue.claim("w")).isEmpty();
        assertThat(finished).isEmpty();
    }

    private int attempts(String deliveryId) {
        return db.inTransaction(c -> {
            try (var rs = c.createStatement()
                    .executeQuery("SELECT attempts FROM jobs WHERE delivery_id = '" + deliveryId + "'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private JobQueueWorkers workers(EventRoutes routes) {
        return workers(routes, Duration.ofSeconds(10));
    }

    private JobQueueWorkers workers(EventRoutes routes, Duration drainTimeout) {
        return new JobQueueWorkers(
                queue, routes, 2, (job, state, took) -> finished.add(state), Duration.ofMillis(50), drainTimeout);
    }

    private static Delivery delivery(String id) {
        String payload = "{\"action\":\"opened\",\"issue\":{\"number\":1},\"installation\":{\"id\":9}}";
        return new Delivery(id, "issues", "opened", 9L, "o/r", 1, null, payload);
    }
}
