package dev.aisectriage.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.github.GitHubHttp;
import dev.aisectriage.github.RetryPolicy;
import dev.aisectriage.support.CapturedLog;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import dev.aisectriage.support.QueueOnStore;
import dev.aisectriage.support.TestQueue;
import dev.aisectriage.support.TestStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A job whose GitHub call lost its connection is retried later and logged as one WARN line naming the call. */
@Timeout(60)
class NetworkJobFailureTest {

    private static final String COMMENTS = "/repos/octo-org/ml-server/issues/12/comments";

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    @RegisterExtension
    final QueueOnStore q = new QueueOnStore(
            () -> TestStore.SQLITE,
            Clock.systemUTC(),
            TestQueue.policy(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(1)));

    @Test
    void givenAGitHubThatDropsTheCommentAfterReadingIt_whenTheJobRuns_thenItIsRetriedLaterWithOneWarningAndNoTrace() {
        // given a GitHub that reads the comment creation, then closes the connection without answering
        github.script(
                "POST " + COMMENTS,
                new MockResponse.Builder()
                        .onResponseStart(new SocketEffect.CloseSocket())
                        .build());
        GitHubHttp http = new GitHubHttp(
                github.url(),
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(5)),
                d -> {},
                Clock.systemUTC());
        q.queue()
                .enqueue(Fixtures.delivery(
                        "d-net", "issues", "opened", 1L, "octo-org/ml-server", 12, null, "{\"action\":\"opened\"}"));
        EventRoutes routes = new EventRoutes()
                .on(
                        "issues.opened",
                        (e, lease) -> http.sendOnce("POST", COMMENTS, Map.of("body", "triage"), "Bearer t"));

        // when the workers run the job
        String log = CapturedLog.during(() -> {
            try (JobQueueWorkers workers = q.workers(routes, 1, (j, s, t) -> {})) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> github.requests().size() == 1
                                && q.queries().stateOf("d-net").orElseThrow() == JobState.QUEUED);
            }
        });

        // then the comment was sent once, the job waits for its next attempt, and one WARN line names the call
        assertThat(github.requests().size()).isEqualTo(1);
        assertThat(q.queries().stateOf("d-net")).contains(JobState.QUEUED);
        List<String> lines = log.lines().filter(l -> l.contains("d-net")).toList();
        assertThat(lines)
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains("WARN")
                        .contains("outcome=retry in")
                        .contains("POST " + COMMENTS)
                        .contains("not sent again"));
        assertThat(log).doesNotContain("ERROR").doesNotContain("\tat ");
    }
}
