package dev.aisectriage.queue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.Delivery;
import dev.aisectriage.store.SerialWriter;
import dev.aisectriage.support.Eventually;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class JobQueueWorkersTest {

    @TempDir
    Path dir;

    Deliveries deliveries;
    JobQueue queue;
    final List<JobState> finished = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        Database db = Database.open(dir.resolve("w.db"));
        SerialWriter writer = new SerialWriter(db);
        deliveries = new Deliveries(db, writer, Clock.systemUTC());
        queue = new JobQueue(
                db, writer, Clock.systemUTC(), 3, Duration.ofSeconds(30), Duration.ofMillis(20), Duration.ofSeconds(1));
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

    private JobQueueWorkers workers(EventRoutes routes) {
        return new JobQueueWorkers(
                queue,
                routes,
                2,
                (job, state, took) -> finished.add(state),
                Duration.ofMillis(50),
                Duration.ofSeconds(10));
    }

    private static Delivery delivery(String id) {
        String payload = "{\"action\":\"opened\",\"issue\":{\"number\":1},\"installation\":{\"id\":9}}";
        return new Delivery(id, "issues", "opened", 9L, "o/r", 1, null, payload);
    }
}
