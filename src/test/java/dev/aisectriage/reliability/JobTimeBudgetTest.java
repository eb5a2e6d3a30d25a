package dev.aisectriage.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisectriage.config.AppConfig;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.queue.JobQueue;
import dev.aisectriage.queue.JobQueueWorkers;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.Fixtures;
import dev.aisectriage.support.QueueOnStore;
import dev.aisectriage.support.TestStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9, defect 1: a job that runs away (a handler that never returns, or spins without looking at interrupts)
 * fails after its time budget like any other error, frees its worker, and never holds up shutdown past the drain
 * timeout.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JobTimeBudgetTest {

    @RegisterExtension
    final QueueOnStore q = new QueueOnStore(
            () -> TestStore.SQLITE,
            Clock.systemUTC(),
            new JobQueue.Policy(2, Duration.ofSeconds(30), Duration.ofMillis(20), Duration.ofSeconds(1)));

    final AtomicBoolean release = new AtomicBoolean();

    @AfterEach
    void releaseSpinners() {
        release.set(true);
    }

    @Test
    void theJobFailsWithTheReasonAndIsDeadLetteredWhenItsBudgetRunsOutGivenAHandlerThatBlocksForever() {
        // given a handler that waits forever (interruptibly) and a budget of one second
        EventRoutes routes = new EventRoutes().on("issues.opened", (e, lease) -> Thread.sleep(Long.MAX_VALUE));
        q.queue().enqueue(delivery("d-stuck", "opened"));

        // when the workers run it
        try (JobQueueWorkers workers = workers(routes, 1, Duration.ofSeconds(1), Duration.ofSeconds(10))) {
            // then it fails at each attempt like any error, and is dead-lettered with the reason
            Eventually.await(
                    Duration.ofSeconds(30),
                    () -> q.queries().stateOf("d-stuck").orElseThrow() == JobState.DEAD,
                    "dead");
        }
        assertThat(q.queries().deadLetters(1).get(0).lastError()).contains("time budget of 1 s");
    }

    @Test
    void itsWorkerTakesTheNextJobWhenItsBudgetRunsOutGivenAHandlerThatSpinsAndIgnoresInterrupts() throws Exception {
        // given one worker busy with a handler that spins without looking at interrupts
        CountDownLatch started = new CountDownLatch(1);
        EventRoutes routes = new EventRoutes()
                .on("issues.opened", (e, lease) -> {
                    started.countDown();
                    spinUntilReleased();
                })
                .on("issues.closed", (e, lease) -> {});
        q.queue().enqueue(delivery("d-spin", "opened"));

        try (JobQueueWorkers workers = workers(routes, 1, Duration.ofSeconds(1), Duration.ofSeconds(10))) {
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

            // when another job arrives
            q.queue().enqueue(delivery("d-next", "closed"));
            workers.wake();

            // then the one worker runs it although the runaway handler is still spinning, and the runaway job is
            // dead-lettered after its attempts
            Eventually.await(
                    Duration.ofSeconds(10),
                    () -> q.queries().stateOf("d-next").orElseThrow() == JobState.DONE,
                    "next done");
            Eventually.await(
                    Duration.ofSeconds(10),
                    () -> q.queries().stateOf("d-spin").orElseThrow() == JobState.DEAD,
                    "spin dead");
        }
    }

    @Test
    void closeReturnsWithinTheDrainTimeoutWhenThePoolIsClosedGivenARunawayJob() throws Exception {
        // given a job that spins without looking at interrupts, far inside a long budget
        CountDownLatch started = new CountDownLatch(1);
        EventRoutes routes = new EventRoutes().on("issues.opened", (e, lease) -> {
            started.countDown();
            spinUntilReleased();
        });
        q.queue().enqueue(delivery("d-runaway", "opened"));
        JobQueueWorkers workers = workers(routes, 2, Duration.ofMinutes(10), Duration.ofMillis(500));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        // when the pool is closed (SIGTERM)
        long t0 = System.nanoTime();
        workers.close();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        // then close gave up on it after the drain timeout instead of waiting for it, and the job is queued again
        // to resume (no attempt spent; its thread stays leased until the lease runs out)
        assertThat(tookMs).isLessThan(3_000);
        assertThat(q.queries().stateOf("d-runaway")).contains(JobState.QUEUED);
    }

    @Test
    void theBudgetIsJobTimeoutSecondsOr120WhenReadGivenTheEnvironment() {
        assertThat(AppConfig.fromEnvironment(Map.of()).jobTimeoutSeconds()).isEqualTo(120);
        assertThat(AppConfig.fromEnvironment(Map.of("JOB_TIMEOUT_SECONDS", "45"))
                        .jobTimeoutSeconds())
                .isEqualTo(45);
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("JOB_TIMEOUT_SECONDS", "0")))
                .hasMessageContaining("JOB_TIMEOUT_SECONDS");
    }

    private void spinUntilReleased() {
        long x = 0;
        while (!release.get()) {
            x++; // ignores interrupts, as a pathological regular expression does
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    private JobQueueWorkers workers(EventRoutes routes, int size, Duration budget, Duration drain) {
        return new JobQueueWorkers(
                q.queue(),
                routes,
                (job, state, took) -> {},
                new JobQueueWorkers.Settings(size, Duration.ofMillis(50), drain, budget));
    }

    private static Delivery delivery(String id, String action) {
        String payload = "{\"action\":\"" + action + "\",\"issue\":{\"number\":1},\"installation\":{\"id\":9}}";
        return Fixtures.delivery(id, "issues", action, 9L, "o/r", 1, null, payload);
    }
}
