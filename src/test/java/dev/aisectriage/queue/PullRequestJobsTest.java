package dev.aisectriage.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.service.Service;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.TestConfig;
import dev.aisectriage.support.TestService;
import dev.aisectriage.support.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull request shares the number space and the labels endpoint of issues: its jobs are serialised per thread like
 * an issue's, so that "opened" and an immediate "edited" never race on its labels.
 */
@Timeout(60)
class PullRequestJobsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theSecondWaitsForTheFirstWhenBothAreQueuedGivenTwoDeliveriesOfOnePullRequest() throws Exception {
        // given a service with two workers whose pull request handler holds the first job until released
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        List<String> started = new CopyOnWriteArrayList<>();
        List<String> otherThread = new CopyOnWriteArrayList<>();
        EventRoutes routes = new EventRoutes()
                .on("pull_request.opened", (e, lease) -> {
                    enter(running, mostAtOnce, started, e.id());
                    firstStarted.countDown();
                    try {
                        assertThat(releaseFirst.await(30, TimeUnit.SECONDS)).isTrue();
                    } finally {
                        running.decrementAndGet();
                    }
                })
                .on("pull_request.edited", (e, lease) -> {
                    enter(running, mostAtOnce, started, e.id());
                    running.decrementAndGet();
                })
                .on("issues.opened", (e, lease) -> otherThread.add(e.id()));
        Service service = TestService.running(TestConfig.dryRun(dir), routes);
        try {
            Webhooks github = new Webhooks(service.port(), TestConfig.SECRET);
            byte[] opened = Webhooks.fixture("pull_request-opened-security-fix.json");
            ObjectNode editedPayload = (ObjectNode) JSON.readTree(opened);
            editedPayload.put("action", "edited");
            editedPayload.with("pull_request").put("title", "Fix unsafe pickle loading (edited)");

            // when the pull request is opened, then edited at once, and an issue of another thread arrives after
            assertThat(github.send("pull_request", "pr-opened", opened).statusCode())
                    .isEqualTo(202);
            assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(github.send("pull_request", "pr-edited", JSON.writeValueAsBytes(editedPayload))
                            .statusCode())
                    .isEqualTo(202);
            assertThat(github.send(
                                    "issues",
                                    "other-issue",
                                    Webhooks.fixture("issues-opened-detailed-security-report.json"))
                            .statusCode())
                    .isEqualTo(202);

            // then the free worker passes over the older "edited" job (its thread is busy) and runs the issue
            Eventually.await(
                    Duration.ofSeconds(10),
                    () -> service.wiring().queries().stateOf("other-issue").orElseThrow() == JobState.DONE,
                    "the other thread's job done");
            assertThat(started).containsExactly("pr-opened");
            assertThat(service.wiring().queries().stateOf("pr-edited")).contains(JobState.QUEUED);

            // and once the first job finishes, the second runs, never both at once
            releaseFirst.countDown();
            Eventually.await(
                    Duration.ofSeconds(10),
                    () -> service.wiring().queries().stateOf("pr-edited").orElseThrow() == JobState.DONE,
                    "the edited job done");
            assertThat(started).containsExactly("pr-opened", "pr-edited");
            assertThat(mostAtOnce).hasValue(1);
            assertThat(otherThread).containsExactly("other-issue");
        } finally {
            releaseFirst.countDown();
            service.close();
        }
    }

    private static void enter(AtomicInteger running, AtomicInteger mostAtOnce, List<String> started, String id) {
        started.add(id);
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
    }
}
