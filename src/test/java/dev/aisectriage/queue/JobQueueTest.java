package dev.aisectriage.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.github.GitHubDeliveries;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.DeliveryOutcome;
import dev.aisectriage.support.MutableClock;
import dev.aisectriage.support.TestQueue;
import dev.aisectriage.support.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The queue's contract, on SQLite and on PostgreSQL. */
@Timeout(60)
@ParameterizedClass
@EnumSource(TestStore.class)
class JobQueueTest {

    @Parameter
    TestStore store;

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));
    Database db;
    Deliveries deliveries;
    JobQueue queue;
    JobQueries queries;

    @BeforeEach
    void open() {
        db = store.open(dir);
        TestQueue q = TestQueue.on(
                db, clock, TestQueue.policy(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(5)));
        deliveries = q.deliveries();
        queue = q.queue();
        queries = q.queries();
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void failedJobBacksOffExponentiallyThenIsDeadLettered() {
        // given a queued job
        queue.enqueue(delivery("d-1", 1));
        Job first = queue.claim("w").orElseThrow();
        assertThat(first.attempts()).isEqualTo(1);

        // when it fails, it waits 10 s before the next claim
        assertThat(queue.fail(first.id(), "w", first.attempts(), "boom 1")).contains(JobState.QUEUED);
        assertThat(queue.claim("w")).isEmpty();
        clock.advance(Duration.ofSeconds(9));
        assertThat(queue.claim("w")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        Job second = queue.claim("w").orElseThrow();
        assertThat(second.attempts()).isEqualTo(2);

        // and 20 s after the second failure
        queue.fail(second.id(), "w", second.attempts(), "boom 2");
        clock.advance(Duration.ofSeconds(19));
        assertThat(queue.claim("w")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        Job third = queue.claim("w").orElseThrow();

        // then the third failure (max attempts 3) dead-letters it, visible with its last error
        assertThat(queue.fail(third.id(), "w", third.attempts(), "boom 3")).contains(JobState.DEAD);
        clock.advance(Duration.ofHours(1));
        assertThat(queue.claim("w")).isEmpty();
        assertThat(queries.countByState()).containsEntry(JobState.DEAD, 1L).containsEntry(JobState.QUEUED, 0L);
        assertThat(queries.deadLetters(10)).singleElement().satisfies(d -> {
            assertThat(d.deliveryId()).isEqualTo("d-1");
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.lastError()).isEqualTo("boom 3");
            assertThat(d.repository()).isEqualTo("example-ml/model-zoo");
        });
    }

    @Test
    void backoffDoublesAndIsCapped() {
        assertThat(queue.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(queue.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(queue.backoff(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(queue.backoff(30)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void deadJobCanBeRetriedByHand() {
        queue.enqueue(delivery("d-1", 1));
        for (int i = 0; i < 3; i++) {
            Job j = queue.claim("w").orElseThrow();
            queue.fail(j.id(), "w", j.attempts(), "boom");
            clock.advance(Duration.ofMinutes(10));
        }
        long id = queries.deadLetters(1).get(0).jobId();

        assertThat(queries.retryDead(id)).isTrue();

        assertThat(queue.claim("w"))
                .hasValueSatisfying(j -> assertThat(j.attempts()).isEqualTo(1));
    }

    @Test
    void runningJobWithALiveLeaseIsNotClaimedTwice() {
        queue.enqueue(delivery("d-1", 1));
        Job job = queue.claim("process-a").orElseThrow();

        clock.advance(Duration.ofSeconds(59));

        assertThat(queue.claim("process-b")).isEmpty();
        assertThat(queue.complete(job.id(), "process-a")).isTrue();
    }

    @Test
    void jobAbandonedByADeadProcessIsReclaimedAfterItsLeaseExpires() {
        // given a job claimed by a process that then died (no heartbeat, no completion)
        queue.enqueue(delivery("d-1", 1));
        Job abandoned = queue.claim("dead-process").orElseThrow();

        // when its lease runs out
        clock.advance(Duration.ofSeconds(61));
        Job resumed = queue.claim("new-process").orElseThrow();

        // then another process takes it over, and the dead one can no longer complete it
        assertThat(resumed.id()).isEqualTo(abandoned.id());
        assertThat(resumed.attempts()).isEqualTo(2);
        assertThat(queue.complete(abandoned.id(), "dead-process")).isFalse();
        assertThat(queue.complete(resumed.id(), "new-process")).isTrue();
        assertThat(queries.stateOf("d-1")).contains(JobState.DONE);
    }

    @Test
    void renewedLeaseKeepsTheJob() {
        queue.enqueue(delivery("d-1", 1));
        Job job = queue.claim("a").orElseThrow();

        clock.advance(Duration.ofSeconds(50));
        assertThat(queue.renewLease(job.id(), "a")).isTrue();
        clock.advance(Duration.ofSeconds(50));

        assertThat(queue.claim("b")).isEmpty();
    }

    @Test
    void abandonedJobOutOfAttemptsIsDeadLettered() {
        queue.enqueue(delivery("d-1", 1));
        for (int i = 0; i < 3; i++) {
            queue.claim("crashing-" + i).orElseThrow();
            clock.advance(Duration.ofSeconds(61));
        }

        assertThat(queue.claim("next")).isEmpty();
        assertThat(queries.stateOf("d-1")).contains(JobState.DEAD);
        assertThat(queries.deadLetters(1).get(0).lastError()).contains("lease expired");
    }

    @Test
    void concurrentWorkersNeverClaimTheSameJob() throws Exception {
        // given 200 queued jobs and 8 workers claiming at once
        for (int i = 0; i < 200; i++) {
            queue.enqueue(delivery("d-" + i, i));
        }
        Set<Long> claimed = ConcurrentHashMap.newKeySet();
        List<Long> duplicates = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            String worker = "w" + w;
            futures.add(pool.submit(() -> {
                go.await();
                Optional<Job> job;
                while ((job = queue.claim(worker)).isPresent()) {
                    if (!claimed.add(job.get().id())) {
                        synchronized (duplicates) {
                            duplicates.add(job.get().id());
                        }
                    }
                    queue.complete(job.get().id(), worker);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        // then every job was claimed exactly once
        assertThat(duplicates).isEmpty();
        assertThat(claimed).hasSize(200);
        assertThat(queries.countByState()).containsEntry(JobState.DONE, 200L);
    }

    @Test
    void redeliveryAndSemanticDuplicateAreStoredOnceEach() {
        assertThat(queue.enqueue(delivery("d-1", 7))).isEqualTo(DeliveryOutcome.QUEUED);
        assertThat(queue.enqueue(delivery("d-1", 7))).isEqualTo(DeliveryOutcome.REDELIVERY);
        assertThat(queue.enqueue(delivery("d-2", 7))).isEqualTo(DeliveryOutcome.DUPLICATE);

        assertThat(deliveries.count()).isEqualTo(2);
        assertThat(queries.countByState()).containsEntry(JobState.QUEUED, 1L);
    }

    @Test
    void semanticKeySeparatesCommentsWithTheSameTextAndLabels() throws Exception {
        ObjectMapper json = new ObjectMapper();
        var comment1 = json.readTree("{\"issue\":{\"number\":5},\"comment\":{\"id\":1,\"body\":\"+1\"}}");
        var comment2 = json.readTree("{\"issue\":{\"number\":5},\"comment\":{\"id\":2,\"body\":\"+1\"}}");
        var label1 =
                json.readTree("{\"issue\":{\"number\":5,\"title\":\"t\",\"body\":\"b\"},\"label\":{\"name\":\"bug\"}}");
        var label2 = json.readTree(
                "{\"issue\":{\"number\":5,\"title\":\"t\",\"body\":\"b\"},\"label\":{\"name\":\"security\"}}");

        assertThat(key("issue_comment", "created", comment1)).isNotEqualTo(key("issue_comment", "created", comment2));
        assertThat(key("issues", "labeled", label1)).isNotEqualTo(key("issues", "labeled", label2));
        assertThat(key("issues", "labeled", label1)).isEqualTo(key("issues", "labeled", label1.deepCopy()));
        assertThat(key("installation", "created", json.readTree("{}"))).isNull();
    }

    private static String key(String event, String action, JsonNode payload) {
        ObjectNode copy = payload.deepCopy();
        copy.put("action", action);
        return GitHubDeliveries.of("d", event, copy.toString(), copy).semanticKey();
    }

    private static Delivery delivery(String id, int issue) {
        String payload = "{\"action\":\"opened\",\"issue\":{\"number\":" + issue + ",\"title\":\"t" + issue
                + "\",\"body\":\"b\"},\"repository\":{\"full_name\":\"example-ml/model-zoo\"},\"installation\":{\"id\":9}}";
        try {
            return GitHubDeliveries.of(id, "issues", payload, new ObjectMapper().readTree(payload));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
