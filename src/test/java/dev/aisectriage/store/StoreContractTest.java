package dev.aisectriage.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.Verdict;
import dev.aisectriage.github.GitHubDeliveries;
import dev.aisectriage.queue.Job;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.support.FakeClassifier;
import dev.aisectriage.support.MutableClock;
import dev.aisectriage.support.QueueOnStore;
import dev.aisectriage.support.TestQueue;
import dev.aisectriage.support.TestStore;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What the store promises, on SQLite and on PostgreSQL alike: exclusivity, uniqueness, forgetting. */
@Timeout(60)
@ParameterizedClass
@EnumSource(TestStore.class)
class StoreContractTest {

    static final Duration LEASE = Duration.ofSeconds(60);

    @Parameter
    TestStore store;

    // Now, not a fixed date: the log of actions is stamped with the wall clock.
    final MutableClock clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

    @RegisterExtension
    final QueueOnStore q = new QueueOnStore(
            () -> store, clock, TestQueue.policy(LEASE, Duration.ofSeconds(10), Duration.ofMinutes(5)));

    @Test
    void aThreadWithARunningJobIsSkippedUntilItsJobFinishes() {
        // given two events of issue 1 and one of issue 2
        q.queue().enqueue(delivery("d-1", 1, "opened", 9L));
        q.queue().enqueue(delivery("d-2", 1, "edited", 9L));
        q.queue().enqueue(delivery("d-3", 2, "opened", 9L));

        // when one worker runs the first event of issue 1
        Job first = q.queue().claim("w1").orElseThrow();
        assertThat(first.delivery().id()).isEqualTo("d-1");

        // then another worker gets issue 2, not the second event of issue 1, and then nothing
        assertThat(q.queue().claim("w2").orElseThrow().delivery().id()).isEqualTo("d-3");
        assertThat(q.queue().claim("w3")).isEmpty();

        // and once the first job is done the second event of issue 1 is claimable
        q.queue().complete(first.id(), "w1");
        assertThat(q.queue().claim("w3").orElseThrow().delivery().id()).isEqualTo("d-2");
    }

    @Test
    void aThreadLeasedByAnotherProcessIsNotClaimedUntilTheLeaseIsReleasedOrExpires() {
        // given backfill (another process) holds issue 1's lease
        ThreadLeases leases = new ThreadLeases(q.writer()::inTransaction, clock);
        assertThat(leases.tryAcquire("example-ml/model-zoo#1", "backfill", Duration.ofSeconds(30)))
                .isTrue();
        q.queue().enqueue(delivery("d-1", 1, "opened", 9L));

        // then the job waits, and a second holder cannot take the lease either
        assertThat(q.queue().claim("w")).isEmpty();
        assertThat(leases.tryAcquire("example-ml/model-zoo#1", "other", Duration.ofSeconds(30)))
                .isFalse();

        // when the lease runs out (its holder died), the job is claimed
        clock.advance(Duration.ofSeconds(31));
        assertThat(q.queue().claim("w")).isPresent();
    }

    @Test
    void manyWorkersNeverRunTwoJobsOfOneThreadAtOnce() throws Exception {
        // given 60 jobs on 6 threads and 8 workers claiming at once on real time
        TestQueue live = TestQueue.on(
                q.db(),
                java.time.Clock.systemUTC(),
                TestQueue.policy(LEASE, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        for (int i = 0; i < 60; i++) {
            live.queue().enqueue(delivery("d-" + i, i % 6, "edited-" + i, 9L));
        }
        Map<String, AtomicInteger> running = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            String worker = "w" + w;
            futures.add(pool.submit((Callable<Void>) () -> {
                go.await();
                long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (done.get() < 60 && System.nanoTime() < end) {
                    Optional<Job> job = live.queue().claim(worker);
                    if (job.isEmpty()) {
                        Thread.sleep(2);
                        continue;
                    }
                    String thread = job.get().delivery().threadKey();
                    if (running.computeIfAbsent(thread, k -> new AtomicInteger())
                                    .incrementAndGet()
                            > 1) {
                        overlaps.incrementAndGet();
                    }
                    Thread.sleep(3);
                    running.get(thread).decrementAndGet();
                    live.queue().complete(job.get().id(), worker);
                    done.incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();

        // then every job ran once and no two jobs of one thread ever overlapped
        assertThat(overlaps).hasValue(0);
        assertThat(live.queries().countByState()).containsEntry(JobState.DONE, 60L);
    }

    @Test
    void theSameEventUnderManyIdsAtOnceIsQueuedOnce() throws Exception {
        // given 12 copies of one event arriving at once under different delivery ids, some ids twice
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<DeliveryOutcome>> outcomes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = "d-" + (i % 8);
            outcomes.add(pool.submit(() -> {
                go.await();
                return q.queue().enqueue(delivery(id, 5, "opened", 9L));
            }));
        }
        go.countDown();
        List<DeliveryOutcome> seen = new ArrayList<>();
        for (Future<DeliveryOutcome> f : outcomes) {
            seen.add(f.get());
        }
        pool.shutdown();

        // then one is queued, every other id is stored as a duplicate, and repeated ids are redeliveries
        assertThat(seen).filteredOn(o -> o == DeliveryOutcome.QUEUED).hasSize(1);
        assertThat(seen).filteredOn(o -> o == DeliveryOutcome.DUPLICATE).hasSize(7);
        assertThat(seen).filteredOn(o -> o == DeliveryOutcome.REDELIVERY).hasSize(4);
        assertThat(q.deliveries().count()).isEqualTo(8);
        assertThat(q.queries().countByState()).containsEntry(JobState.QUEUED, 1L);
    }

    @Test
    void theDedupeWindowExpires() {
        // given an event queued once and seen again within the window
        assertThat(q.queue().enqueue(delivery("d-1", 5, "unlabeled", 9L))).isEqualTo(DeliveryOutcome.QUEUED);
        clock.advance(Duration.ofHours(23));
        assertThat(q.queue().enqueue(delivery("d-2", 5, "unlabeled", 9L))).isEqualTo(DeliveryOutcome.DUPLICATE);

        // when the same event arrives after the window
        clock.advance(Duration.ofHours(2));

        // then it is processed as new
        assertThat(q.queue().enqueue(delivery("d-3", 5, "unlabeled", 9L))).isEqualTo(DeliveryOutcome.QUEUED);
    }

    @Test
    void aPausedInstallationsJobsWaitWhileOthersRun() {
        // given jobs of installations 9 and 10, and 9 paused for an hour (GitHub's rate-limit reset)
        q.queue().enqueue(delivery("d-9", 1, "opened", 9L));
        q.queue().enqueue(delivery("d-10", 2, "opened", 10L));
        q.queue().pauseInstallation(9L, clock.instant().plus(Duration.ofHours(1)), "rate limited");
        q.queue().pauseInstallation(9L, clock.instant().plus(Duration.ofMinutes(5)), "an earlier reset never shortens");

        // then only installation 10's job is claimed until the reset
        Job other = q.queue().claim("w").orElseThrow();
        assertThat(other.delivery().id()).isEqualTo("d-10");
        q.queue().complete(other.id(), "w");
        assertThat(q.queue().claim("w")).isEmpty();
        clock.advance(Duration.ofMinutes(59));
        assertThat(q.queue().claim("w")).isEmpty();
        clock.advance(Duration.ofMinutes(2));
        assertThat(q.queue().claim("w").orElseThrow().delivery().id()).isEqualTo("d-9");
    }

    @Test
    void aRescheduledJobKeepsItsAttemptsAndFreesItsThread() {
        // given a claimed job (attempt 1) told to wait
        q.queue().enqueue(delivery("d-1", 1, "opened", 9L));
        Job job = q.queue().claim("w").orElseThrow();
        assertThat(q.queue().reschedule(job.id(), "w", clock.instant().plusSeconds(30), "rate limited"))
                .isTrue();

        // then it is not due before then, and its next claim is attempt 1 again
        assertThat(q.queue().claim("w")).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(q.queue().claim("w2").orElseThrow().attempts()).isEqualTo(1);
    }

    @Test
    void retentionDeletesFinishedWorkAndKeepsDeadLettersAndUnfinishedJobs() {
        // given, 31 days ago: a finished job, a dead letter, a queued job, an ignored delivery
        Retention retention =
                new Retention(q.writer()::inTransaction, clock, Duration.ofDays(30), Duration.ofDays(1), q.queue());
        q.queue().enqueue(delivery("d-done", 1, "opened", 9L));
        q.queue().enqueue(delivery("d-dead", 2, "opened", 9L));
        q.deliveries().record(delivery("d-ignored", 3, "closed", 9L), DeliveryOutcome.IGNORED, "not handled");
        Job done = q.queue().claim("w").orElseThrow();
        q.queue().complete(done.id(), "w");
        Job dead = q.queue().claim("w").orElseThrow();
        q.queue().fail(dead.id(), "w", 3, "boom");
        q.queue().enqueue(delivery("d-waiting", 4, "opened", 10L));
        q.queue().pauseInstallation(10L, clock.instant().plus(Duration.ofDays(40)), "paused");
        new Actions(q.db(), q.writer()::inTransaction).record(9L, "example-ml/model-zoo", 1, "add-labels", "x", true);
        clock.advance(Duration.ofDays(31));
        q.queue().enqueue(delivery("d-recent", 5, "opened", 9L));

        // when the purge runs
        Map<String, Integer> deleted = retention.purge();

        // then the finished job and the old deliveries without a job are gone, with their payloads
        assertThat(deleted).containsEntry("jobs", 1).containsEntry("deliveries", 2);
        assertThat(ids("SELECT delivery_id FROM deliveries ORDER BY delivery_id"))
                .containsExactly("d-dead", "d-recent", "d-waiting");
        assertThat(q.queries().deadLetters(10)).extracting(d -> d.deliveryId()).containsExactly("d-dead");
        assertThat(q.queries().stateOf("d-waiting")).contains(JobState.QUEUED);
        assertThat(new Actions(q.db(), q.db()::writeTransaction).recent(10)).isEmpty();

        // and a dismissed dead letter goes at the next purge after the window
        assertThat(q.queries().dismissDead(dead.id())).isTrue();
        clock.advance(Duration.ofDays(31));
        retention.purge();
        assertThat(ids("SELECT delivery_id FROM deliveries ORDER BY delivery_id"))
                .containsExactly("d-recent", "d-waiting");
    }

    @Test
    void uninstallDeletesTheInstallationsPayloadsAndTextsAtOnce() {
        // given stored work of installations 9 and 10
        q.queue().enqueue(delivery("d-9a", 1, "opened", 9L));
        q.queue().enqueue(delivery("d-9b", 2, "opened", 9L));
        q.queue().enqueue(delivery("d-10", 3, "opened", 10L));
        Job done = q.queue().claim("w").orElseThrow();
        q.queue().complete(done.id(), "w");
        Threads threads = new Threads(q.db(), q.writer()::inTransaction);
        ThreadRef ref9 = new ThreadRef.GitHubIssue(9L, "example-ml/model-zoo", 1, null);
        ThreadRef ref10 = new ThreadRef.GitHubIssue(10L, "example-ml/model-zoo", 3, null);
        threads.addReply(ref9, "c1", "secret text of 9");
        threads.addReply(ref10, "c2", "text of 10");
        new Actions(q.db(), q.writer()::inTransaction).record(9L, "example-ml/model-zoo", 1, "comment", "body", true);

        // when installation 9 is deleted (as the installation.deleted handler does)
        threads.forgetInstallation(9L);
        new Installations(q.db(), q.writer()::inTransaction).recordDeleted(9L);
        new Retention(q.writer()::inTransaction, clock, Duration.ofDays(30), Duration.ofDays(1), q.queue())
                .forgetInstallation(9L);

        // then nothing of 9's texts is left: payloads emptied, queued job closed, no reply, no action; 10 keeps all
        assertThat(ids("SELECT delivery_id FROM deliveries WHERE payload = '{}' ORDER BY delivery_id"))
                .containsExactly("d-9a", "d-9b");
        assertThat(ids("SELECT delivery_id FROM deliveries WHERE payload LIKE '%opened%' ORDER BY delivery_id"))
                .containsExactly("d-10");
        assertThat(threads.replies(ref9)).isEmpty();
        assertThat(threads.replies(ref10)).containsExactly("text of 10");
        assertThat(new Actions(q.db(), q.db()::writeTransaction).recent(10)).isEmpty();
        assertThat(q.queries().stateOf("d-9b")).contains(JobState.DONE);
        assertThat(q.queries().countByState()).containsEntry(JobState.QUEUED, 1L);
        assertThat(q.queue().claim("w").orElseThrow().delivery().id()).isEqualTo("d-10");
    }

    @Test
    void aDeliveryQueuedWhileTheInstallationIsForgottenKeepsThePayloadItsJobWillRead() {
        // given installation 9 being forgotten, and a delivery of it queued after its queued jobs were closed but
        // before the payloads are emptied (the intake answers while the installation.deleted job runs)
        Retention.Jobs closingThenArriving = new Retention.Jobs() {
            @Override
            public int deleteDoneBefore(long cutoff) {
                return q.queue().deleteDoneBefore(cutoff);
            }

            @Override
            public void closeQueued(long installationId) {
                q.queue().closeQueued(installationId);
                q.queue().enqueue(delivery("d-late", 4, "opened", 9L));
            }
        };

        // when the installation is forgotten
        new Retention(q.writer()::inTransaction, clock, Duration.ofDays(30), Duration.ofDays(1), closingThenArriving)
                .forgetInstallation(9L);

        // then the job still queued reads its whole payload, never an emptied one
        assertThat(q.queue()
                        .claim("w")
                        .orElseThrow()
                        .delivery()
                        .payload()
                        .path("issue")
                        .isObject())
                .isTrue();
    }

    @Test
    void theCommentSlotIsReservedOnce() {
        // given a thread without a comment
        Threads threads = new Threads(q.db(), q.writer()::inTransaction);
        ThreadRef ref = new ThreadRef.GitHubIssue(9L, "o/r", 1, null);

        // when two writers reserve it, only the first gets it
        assertThat(threads.reserveComment(ref, Threads.pendingComment("a"), null, Lease.NONE))
                .isTrue();
        assertThat(threads.reserveComment(ref, Threads.pendingComment("b"), null, Lease.NONE))
                .isFalse();

        // then a writer that knows the dead reservation can take it over, and a recorded comment ends reservations
        assertThat(threads.reserveComment(ref, Threads.pendingComment("c"), Threads.pendingComment("a"), Lease.NONE))
                .isTrue();
        threads.recordComment(ref, "12345", "hash");
        assertThat(threads.reserveComment(ref, Threads.pendingComment("d"), Threads.pendingComment("c"), Lease.NONE))
                .isFalse();
        assertThat(threads.find(ref).orElseThrow().commentId()).isEqualTo("12345");
    }

    @Test
    void itLosesAndTheNewHolderWinsWhenItsFormerHolderReservesTheCommentSlotGivenALeaseTakenOver() throws Exception {
        // given serve's lease of o/r#1 that ran out while its job was slow, and backfill that took it over
        Threads threads = new Threads(q.db(), q.writer()::inTransaction);
        ThreadRef ref = new ThreadRef.GitHubIssue(9L, "o/r", 1, null);
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        ThreadLeases leases = new ThreadLeases(q.writer()::inTransaction, clock);
        assertThat(leases.tryAcquire("o/r#1", "serve", Duration.ofSeconds(2))).isTrue();
        clock.advance(Duration.ofSeconds(3));
        assertThat(leases.tryAcquire("o/r#1", "backfill", Duration.ofSeconds(60)))
                .isTrue();

        // when serve's job goes on to reserve the comment slot (or to add labels) for the thread
        // then the store refuses it and leaves the slot free, so it never posts
        Lease serve = new Lease("o/r#1", "serve");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> threads.reserveComment(ref, Threads.pendingComment("s"), null, serve))
                .isInstanceOf(LeaseLostException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> threads.requireLease(ref, serve))
                .isInstanceOf(LeaseLostException.class);
        assertThat(threads.find(ref).map(Threads.ThreadState::commentId)).isEmpty();

        // and the new holder gets the slot, which its former holder cannot take back even knowing the reservation
        assertThat(threads.reserveComment(ref, Threads.pendingComment("b"), null, new Lease("o/r#1", "backfill")))
                .isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        threads.reserveComment(ref, Threads.pendingComment("s"), Threads.pendingComment("b"), serve))
                .isInstanceOf(LeaseLostException.class);
        assertThat(threads.find(ref).orElseThrow().commentId()).isEqualTo(Threads.pendingComment("b"));
    }

    @Test
    void repliesComeBackInArrivalOrderAndLabelNamesIgnoreCase() {
        Threads threads = new Threads(q.db(), q.writer()::inTransaction);
        ThreadRef ref = new ThreadRef.GitHubDiscussion(9L, "o/r", 4, "D_1");
        threads.addReply(ref, "9", "first");
        threads.addReply(ref, "10", "second");
        threads.addReply(ref, "9", "first, edited");
        assertThat(threads.replies(ref)).containsExactly("first, edited", "second");

        Installations installations = new Installations(q.db(), q.writer()::inTransaction);
        installations.recordLabelCreated(9L, "o/r", "AI-Security");
        assertThat(installations.createdLabel("o/r", "ai-security")).isTrue();
        installations.recordLabelDeletedByMaintainer("o/r", "ai-SECURITY");
        assertThat(installations.labelsDeletedByMaintainers("o/r")).containsExactly("AI-Security");
    }

    @Test
    void aHubDiscussionKeepsItsPostApartAndItsRepliesVerdictAndCommentAsEveryThreadDoes() {
        // given what the Hub's events told of a discussion, its replies (one edited), its verdict and comment
        HubPosts hub = new HubPosts(q.db(), q.writer()::inTransaction);
        Threads threads = new Threads(q.db(), q.writer()::inTransaction);
        ThreadRef.HubDiscussion key = new ThreadRef.HubDiscussion("dataset", "acme/faces", 7);
        hub.recordDiscussion(key, "d7", "Pickle in the weights", false, true);
        hub.recordOpening(key, "c0", "the weights file is a pickle");
        threads.addReply(key, "c1", "first");
        threads.addReply(key, "c2", "second");
        threads.addReply(key, "c1", "first, edited");
        threads.recordClassification(key, null, "text", new FakeClassifier().classify("pickle"), Verdict.FLAGGED);
        threads.recordComment(key, "c9", "h");

        // then the post reads back as told, the replies in the order first seen, the thread as classified
        assertThat(hub.find(key))
                .contains(new HubPosts.HubPost(
                        "Pickle in the weights", "c0", "the weights file is a pickle", false, true));
        assertThat(threads.replies(key)).containsExactly("first, edited", "second");
        assertThat(threads.find(key)).hasValueSatisfying(t -> {
            assertThat(t.ref()).isEqualTo(key);
            assertThat(t.flagged()).isTrue();
            assertThat(t.commentId()).isEqualTo("c9");
        });
    }

    @Test
    void feedbackAndConfigErrorsAreKeptOncePerDeliveryAndRepository() {
        Threads threads = new Threads(q.db(), q.writer()::inTransaction);
        ThreadRef ref = new ThreadRef.GitHubIssue(9L, "o/r", 3, null);
        threads.recordComment(ref, "1", "h");
        threads.addReply(ref, "c1", "reply");
        Feedback feedback = new Feedback(q.db(), q.writer()::inTransaction);
        assertThat(feedback.record("d-1", ref, Feedback.NOT_SECURITY, false, null, "maintainer"))
                .isTrue();
        assertThat(feedback.record("d-1", ref, Feedback.NOT_SECURITY, false, null, "maintainer"))
                .isFalse();
        assertThat(feedback.count()).isEqualTo(1);
        assertThat(feedback.forgetInstallation(9L)).isEqualTo(1);

        ConfigErrors errors = new ConfigErrors(q.db(), q.writer()::inTransaction);
        errors.record("o/r", ".github/ai-security-triage.yml", List.of("line 2: bad"));
        errors.record("o/r", ".github/ai-security-triage.yml", List.of("line 3: bad"));
        assertThat(errors.all())
                .singleElement()
                .satisfies(e -> assertThat(e.errors()).containsExactly("line 3: bad"));
    }

    private List<String> ids(String sql) {
        return q.db().inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** An issues event; {@code action} also varies the text, so that different actions are different events. */
    static Delivery delivery(String id, int issue, String action, long installation) {
        String event = action.startsWith("edited") ? "edited" : action;
        String payload = "{\"action\":\"" + event + "\",\"issue\":{\"number\":" + issue + ",\"title\":\"t" + issue
                + "\",\"body\":\"" + action + "\"},\"repository\":{\"full_name\":\"example-ml/model-zoo\"},"
                + "\"installation\":{\"id\":" + installation + "}}";
        try {
            var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload);
            return GitHubDeliveries.of(id, "issues", payload, node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
