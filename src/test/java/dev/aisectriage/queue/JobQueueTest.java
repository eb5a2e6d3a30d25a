package dev.aisectriage.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.github.GitHubDeliveries;
import dev.aisectriage.store.DeliveryOutcome;
import dev.aisectriage.support.MutableClock;
import dev.aisectriage.support.QueueOnStore;
import dev.aisectriage.support.TestQueue;
import dev.aisectriage.support.TestStore;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
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

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T12:00:00Z"));

    @RegisterExtension
    final QueueOnStore q = new QueueOnStore(
            () -> store,
            clock,
            TestQueue.policy(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(5)));

    @Test
    void failedJobBacksOffExponentiallyThenIsDeadLettered() {
        // given a queued job
        q.queue().enqueue(delivery("d-1", 1));
        Job first = q.queue().claim("w").orElseThrow();
        assertThat(first.attempts()).isEqualTo(1);

        // when it fails, it waits 10 s before the next claim
        assertThat(q.queue().fail(first.id(), "w", first.attempts(), "boom 1")).contains(JobState.QUEUED);
        assertThat(q.queue().claim("w")).isEmpty();
        clock.advance(Duration.ofSeconds(9));
        assertThat(q.queue().claim("w")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        Job second = q.queue().claim("w").orElseThrow();
        assertThat(second.attempts()).isEqualTo(2);

        // and 20 s after the second failure
        q.queue().fail(second.id(), "w", second.attempts(), "boom 2");
        clock.advance(Duration.ofSeconds(19));
        assertThat(q.queue().claim("w")).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        Job third = q.queue().claim("w").orElseThrow();

        // then the third failure (max attempts 3) dead-letters it, visible with its last error
        assertThat(q.queue().fail(third.id(), "w", third.attempts(), "boom 3")).contains(JobState.DEAD);
        clock.advance(Duration.ofHours(1));
        assertThat(q.queue().claim("w")).isEmpty();
        assertThat(q.queries().countByState()).containsEntry(JobState.DEAD, 1L).containsEntry(JobState.QUEUED, 0L);
        assertThat(q.queries().deadLetters(10)).singleElement().satisfies(d -> {
            assertThat(d.deliveryId()).isEqualTo("d-1");
            assertThat(d.attempts()).isEqualTo(3);
            assertThat(d.lastError()).isEqualTo("boom 3");
            assertThat(d.repository()).isEqualTo("example-ml/model-zoo");
        });
    }

    @Test
    void aJobQueuedForLaterIsNotClaimedBeforeItsTime() {
        // given a delivery queued to run in ten minutes
        q.queue().enqueueAt(delivery("d-later", 1), clock.instant().plus(Duration.ofMinutes(10)));

        // when workers look before and at that time
        clock.advance(Duration.ofMinutes(9));
        Optional<Job> early = q.queue().claim("w");
        clock.advance(Duration.ofMinutes(1));

        // then it waits until then, and is claimed as any job then
        assertThat(early).isEmpty();
        assertThat(q.queue().claim("w"))
                .hasValueSatisfying(j -> assertThat(j.delivery().id()).isEqualTo("d-later"));
    }

    @Test
    void backoffDoublesAndIsCapped() {
        assertThat(q.queue().backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(q.queue().backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(q.queue().backoff(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(q.queue().backoff(30)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void deadJobCanBeRetriedByHand() {
        q.queue().enqueue(delivery("d-1", 1));
        for (int i = 0; i < 3; i++) {
            Job j = q.queue().claim("w").orElseThrow();
            q.queue().fail(j.id(), "w", j.attempts(), "boom");
            clock.advance(Duration.ofMinutes(10));
        }
        long id = q.queries().deadLetters(1).get(0).jobId();

        assertThat(q.queries().retryDead(id)).isTrue();

        assertThat(q.queue().claim("w"))
                .hasValueSatisfying(j -> assertThat(j.attempts()).isEqualTo(1));
    }

    @Test
    void runningJobWithALiveLeaseIsNotClaimedTwice() {
        q.queue().enqueue(delivery("d-1", 1));
        Job job = q.queue().claim("process-a").orElseThrow();

        clock.advance(Duration.ofSeconds(59));

        assertThat(q.queue().claim("process-b")).isEmpty();
        assertThat(q.queue().complete(job.id(), "process-a")).isTrue();
    }

    @Test
    void jobAbandonedByADeadProcessIsReclaimedAfterItsLeaseExpires() {
        // given a job claimed by a process that then died (no heartbeat, no completion)
        q.queue().enqueue(delivery("d-1", 1));
        Job abandoned = q.queue().claim("dead-process").orElseThrow();

        // when its lease runs out
        clock.advance(Duration.ofSeconds(61));
        Job resumed = q.queue().claim("new-process").orElseThrow();

        // then another process takes it over, and the dead one can no longer complete it
        assertThat(resumed.id()).isEqualTo(abandoned.id());
        assertThat(resumed.attempts()).isEqualTo(2);
        assertThat(q.queue().complete(abandoned.id(), "dead-process")).isFalse();
        assertThat(q.queue().complete(resumed.id(), "new-process")).isTrue();
        assertThat(q.queries().stateOf("d-1")).contains(JobState.DONE);
    }

    @Test
    void renewedLeaseKeepsTheJob() {
        q.queue().enqueue(delivery("d-1", 1));
        Job job = q.queue().claim("a").orElseThrow();

        clock.advance(Duration.ofSeconds(50));
        assertThat(q.queue().renewLease(job.id(), "a")).isTrue();
        clock.advance(Duration.ofSeconds(50));

        assertThat(q.queue().claim("b")).isEmpty();
    }

    @Test
    void abandonedJobOutOfAttemptsIsDeadLettered() {
        q.queue().enqueue(delivery("d-1", 1));
        for (int i = 0; i < 3; i++) {
            q.queue().claim("crashing-" + i).orElseThrow();
            clock.advance(Duration.ofSeconds(61));
        }

        assertThat(q.queue().claim("next")).isEmpty();
        assertThat(q.queries().stateOf("d-1")).contains(JobState.DEAD);
        assertThat(q.queries().deadLetters(1).get(0).lastError()).contains("lease expired");
    }

    @Test
    void concurrentWorkersNeverClaimTheSameJob() throws Exception {
        // given 200 queued jobs and 8 workers claiming at once
        for (int i = 0; i < 200; i++) {
            q.queue().enqueue(delivery("d-" + i, i));
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
                while ((job = q.queue().claim(worker)).isPresent()) {
                    if (!claimed.add(job.get().id())) {
                        synchronized (duplicates) {
                            duplicates.add(job.get().id());
                        }
                    }
                    q.queue().complete(job.get().id(), worker);
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
        assertThat(q.queries().countByState()).containsEntry(JobState.DONE, 200L);
    }

    @Test
    void redeliveryAndSemanticDuplicateAreStoredOnceEach() {
        assertThat(q.queue().enqueue(delivery("d-1", 7))).isEqualTo(DeliveryOutcome.QUEUED);
        assertThat(q.queue().enqueue(delivery("d-1", 7))).isEqualTo(DeliveryOutcome.REDELIVERY);
        assertThat(q.queue().enqueue(delivery("d-2", 7))).isEqualTo(DeliveryOutcome.DUPLICATE);

        assertThat(q.deliveries().count()).isEqualTo(2);
        assertThat(q.queries().countByState()).containsEntry(JobState.QUEUED, 1L);
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
