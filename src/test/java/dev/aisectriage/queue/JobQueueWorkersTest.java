package dev.aisectriage.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.github.GitHubApiException;
import dev.aisectriage.github.GitHubPayloads;
import dev.aisectriage.github.RateLimitedException;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.Fixtures;
import dev.aisectriage.support.QueueOnStore;
import dev.aisectriage.support.TestQueue;
import dev.aisectriage.support.TestStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The worker pool, on SQLite and on PostgreSQL. */
@Timeout(60)
@ParameterizedClass
@EnumSource(TestStore.class)
class JobQueueWorkersTest {

    @Parameter
    TestStore store;

    @RegisterExtension
    final QueueOnStore q = new QueueOnStore(() -> store, Clock.systemUTC(), TestQueue.QUICK);

    final List<JobState> finished = new CopyOnWriteArrayList<>();

    @Test
    void handlerThatAlwaysFailsIsRetriedThenDeadLettered() {
        // given a handler that always throws
        AtomicInteger calls = new AtomicInteger();
        EventRoutes routes = new EventRoutes().on("issues.opened", (e, lease) -> {
            calls.incrementAndGet();
            throw new IllegalStateException("GitHub said 502");
        });
        q.queue().enqueue(delivery("d-fail"));

        // when the workers run
        try (JobQueueWorkers workers = workers(routes)) {
            Eventually.await(
                    Duration.ofSeconds(20),
                    () -> q.queries().stateOf("d-fail").orElseThrow() == JobState.DEAD,
                    "job dead");
        }

        // then it ran three times, backed off in between, and is dead with the last error
        assertThat(calls).hasValue(3);
        assertThat(finished).containsExactly(JobState.QUEUED, JobState.QUEUED, JobState.DEAD);
        assertThat(q.queries().deadLetters(1).get(0).lastError()).contains("GitHub said 502");
    }

    @Test
    void handlerThatFailsOnceSucceedsOnRetry() {
        AtomicInteger calls = new AtomicInteger();
        EventRoutes routes = new EventRoutes().on("issues.opened", (e, lease) -> {
            if (calls.incrementAndGet() == 1) {
                throw new java.io.IOException("timeout");
            }
        });
        q.queue().enqueue(delivery("d-flaky"));

        try (JobQueueWorkers workers = workers(routes)) {
            Eventually.await(
                    Duration.ofSeconds(20),
                    () -> q.queries().stateOf("d-flaky").orElseThrow() == JobState.DONE,
                    "job done");
        }

        assertThat(calls).hasValue(2);
    }

    @Test
    void closeWaitsForTheJobInFlight() throws Exception {
        // given a job that is in the middle of its handler
        CountDownLatch started = new CountDownLatch(1);
        EventRoutes routes = new EventRoutes().on("issues.opened", (e, lease) -> {
            started.countDown();
            Thread.sleep(700);
        });
        q.queue().enqueue(delivery("d-slow"));
        JobQueueWorkers workers = workers(routes);
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        // when the pool is closed
        workers.close();

        // then the job finished before close returned
        assertThat(q.queries().stateOf("d-slow")).contains(JobState.DONE);
    }

    @Test
    void itAndItsInstallationsJobsWaitWithoutSpendingAnAttemptWhenTheWorkersRunGivenAJobMeetingARateLimit() {
        // given a handler that meets a two-minute rate limit on installation 9, and jobs of installations 9 and 10
        Instant lifts = Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        List<String> ran = new CopyOnWriteArrayList<>();
        EventRoutes routes = new EventRoutes().on("issues.opened", (e, lease) -> {
            ran.add(e.id());
            if (e.id().equals("d-limited")) {
                throw new RateLimitedException(9, lifts, "rate limited", 429, null);
            }
        });
        q.queue().enqueue(delivery("d-limited", 9, 1));
        q.queue().enqueue(delivery("d-same-installation", 9, 2));
        q.queue().enqueue(delivery("d-other-installation", 10, 3));

        // when one worker runs them in order
        try (JobQueueWorkers workers = workers(routes, 1)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> q.queries().stateOf("d-other-installation").orElseThrow() == JobState.DONE);
        }

        // then the limited job is queued again for the time the limit lifts, its attempt not counted, and the other
        // job of its installation waits for the same time without having run
        assertThat(ran).containsExactly("d-limited", "d-other-installation");
        assertThat(q.job("d-limited")).containsExactly(0L, lifts.toEpochMilli());
        assertThat(q.job("d-same-installation")).containsExactly(0L, lifts.toEpochMilli());
        assertThat(q.queries().stateOf("d-limited")).contains(JobState.QUEUED);
        assertThat(q.queries().stateOf("d-same-installation")).contains(JobState.QUEUED);
    }

    @Test
    void eachJobIsDeadLetteredAtOnceWithItsReasonWhenTheWorkersRunGivenErrorsRetryingCannotFix() {
        // given handlers that meet a 422, a 403 the App's permissions cause, and a payload without its issue
        AtomicInteger calls = new AtomicInteger();
        EventRoutes routes = new EventRoutes().on("issues.opened", (e, lease) -> {
            calls.incrementAndGet();
            switch (e.id()) {
                case "d-422" ->
                    throw new GitHubApiException("POST labels answered 422: Validation Failed", 422, true, null, null);
                case "d-403" ->
                    throw new GitHubApiException(
                            "POST comments answered 403: Resource not accessible by integration",
                            403,
                            true,
                            null,
                            null);
                default -> GitHubPayloads.thread(e);
            }
        });
        q.queue().enqueue(delivery("d-422", 9, 1));
        q.queue().enqueue(delivery("d-403", 9, 2));
        q.queue()
                .enqueue(Fixtures.delivery(
                        "d-no-issue",
                        "issues",
                        "opened",
                        9L,
                        "o/r",
                        null,
                        null,
                        "{\"action\":\"opened\",\"installation\":{\"id\":9}}"));

        // when the workers run
        try (JobQueueWorkers workers = workers(routes)) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> q.queries().countByState().get(JobState.DEAD) == 3);
        }

        // then each ran once and its dead letter says why
        assertThat(calls).hasValue(3);
        assertThat(q.queries().deadLetters(3))
                .extracting(DeadLetter::deliveryId, DeadLetter::attempts)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("d-422", 1),
                        org.assertj.core.groups.Tuple.tuple("d-403", 1),
                        org.assertj.core.groups.Tuple.tuple("d-no-issue", 1));
        assertThat(q.queries().deadLetters(3))
                .extracting(DeadLetter::lastError)
                .anySatisfy(m -> assertThat(m).contains("Resource not accessible by integration"))
                .anySatisfy(m -> assertThat(m).contains("Validation Failed"))
                .anySatisfy(m -> assertThat(m).contains("no issue or discussion"));
    }

    @Test
    void jobInterruptedByShutdownGoesBackToTheQueueWithoutSpendingAnAttempt() throws Exception {
        // given a job blocked in a GitHub call when shutdown runs out of patience
        CountDownLatch started = new CountDownLatch(1);
        EventRoutes routes = new EventRoutes().on("issues.opened", (e, lease) -> {
            started.countDown();
            Thread.sleep(60_000);
        });
        q.queue().enqueue(delivery("d-interrupted"));
        JobQueueWorkers workers = new JobQueueWorkers(
                q.queue(),
                routes,
                (job, state, took) -> finished.add(state),
                new JobQueueWorkers.Settings(
                        2, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(120)));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        // when the pool is closed and its drain timeout passes
        workers.close();

        // then the job is queued again with no attempt spent and no failure counted; its thread stays leased until
        // the lease runs out (the handler might ignore the interrupt), then the next process takes it
        assertThat(q.queries().stateOf("d-interrupted")).contains(JobState.QUEUED);
        assertThat(q.job("d-interrupted").get(0)).isZero();
        assertThat(finished).isEmpty();
        assertThat(q.queue().claim("next-process")).isEmpty();
        q.db().writeTransaction(c -> c.createStatement().executeUpdate("UPDATE thread_leases SET lease_until = 0"));
        assertThat(q.queue().claim("next-process").orElseThrow().attempts()).isEqualTo(1);
    }

    private JobQueueWorkers workers(EventRoutes routes) {
        return workers(routes, 2);
    }

    private JobQueueWorkers workers(EventRoutes routes, int size) {
        return q.workers(routes, size, (job, state, took) -> finished.add(state));
    }

    private static Delivery delivery(String id) {
        String payload = "{\"action\":\"opened\",\"issue\":{\"number\":1},\"installation\":{\"id\":9}}";
        return Fixtures.delivery(id, "issues", "opened", 9L, "o/r", 1, null, payload);
    }

    private static Delivery delivery(String id, long installation, int number) {
        String payload = "{\"action\":\"opened\",\"issue\":{\"number\":" + number + "},\"installation\":{\"id\":"
                + installation + "}}";
        return Fixtures.delivery(id, "issues", "opened", installation, "o/r", number, null, payload);
    }
}
