package dev.aisectriage.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.github.GitHubHttp;
import dev.aisectriage.github.RetryPolicy;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.Delivery;
import dev.aisectriage.store.SerialWriter;
import dev.aisectriage.support.CapturedLog;
import dev.aisectriage.support.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A job whose GitHub call lost its connection is retried later and logged as one WARN line naming the call. */
@Timeout(60)
class NetworkJobFailureTest {

    private static final String COMMENTS = "/repos/octo-org/ml-server/issues/12/comments";

    @StartStop
    final MockWebServer github = new MockWebServer();

    @TempDir
    Path dir;

    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void givenAGitHubThatDropsTheCommentAfterReadingIt_whenTheJobRuns_thenItIsRetriedLaterWithOneWarningAndNoTrace() {
        // given a GitHub that reads the comment creation, then closes the connection without answering
        github.enqueue(new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket())
                .build());
        GitHubHttp http = new GitHubHttp(
                github.url("/").toString(),
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(5)),
                d -> {},
                Clock.systemUTC());
        db = TestStore.SQLITE.open(dir);
        SerialWriter writer = new SerialWriter(db);
        Deliveries deliveries = new Deliveries(db, writer, Clock.systemUTC());
        JobQueue queue = new JobQueue(
                db,
                writer,
                Clock.systemUTC(),
                3,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofMinutes(1));
        deliveries.queue(new Delivery(
                "d-net", "issues", "opened", 1L, "octo-org/ml-server", 12, null, "{\"action\":\"opened\"}"));
        EventRoutes routes = new EventRoutes()
                .on("issues.opened", e -> http.sendOnce("POST", COMMENTS, Map.of("body", "triage"), "Bearer t"));

        // when the workers run the job
        String log = CapturedLog.during(() -> {
            try (JobQueueWorkers workers = new JobQueueWorkers(
                    queue, routes, 1, (j, s, t) -> {}, Duration.ofMillis(50), Duration.ofSeconds(10))) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> github.getRequestCount() == 1
                                && queue.stateOf("d-net").orElseThrow() == JobState.QUEUED);
            }
        });

        // then the comment was sent once, the job waits for its next attempt, and one WARN line names the call
        assertThat(github.getRequestCount()).isEqualTo(1);
        assertThat(queue.stateOf("d-net")).contains(JobState.QUEUED);
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
