package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.aisectriage.support.CapturedLog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * GitHub, or a proxy before it, drops connections: after an answer (HTTP/1.0 style, or an idle keep-alive time-out),
 * before reading a request, or after reading one without answering. A request that never left is sent again, a
 * POST included; one that may have reached GitHub is sent again only when it is not a write sent once.
 */
@Timeout(30)
class DroppedConnectionTest {

    private static final String COMMENTS = "/repos/octo/repo/issues/12/comments";

    @StartStop
    final MockWebServer github = new MockWebServer();

    private final AtomicInteger waits = new AtomicInteger();

    private GitHubHttp http() {
        return new GitHubHttp(
                github.url("/").toString(),
                new RetryPolicy(4, Duration.ofMillis(1), Duration.ofSeconds(5)),
                d -> waits.incrementAndGet(),
                Clock.systemUTC());
    }

    private static MockResponse ok(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    /** No answer: the server reads the request, then closes the connection. */
    private static MockResponse readThenDrop() {
        return new MockResponse.Builder()
                .onResponseStart(new SocketEffect.CloseSocket())
                .build();
    }

    /** An answer after which the server closes the connection, without saying so in a header. */
    private static MockResponse okThenClose(String body) {
        return ok(body).newBuilder()
                .onResponseEnd(new SocketEffect.CloseSocket())
                .build();
    }

    @Test
    void
            givenAServerThatClosesEachConnectionAfterAnswering_whenReadsAndCommentsFollow_thenEachGoesOnceOnANewConnection()
                    throws Exception {
        // given a GitHub that closes every connection once it has answered
        for (int i = 0; i < 4; i++) {
            github.enqueue(okThenClose("{\"id\":" + i + "}"));
        }
        GitHubHttp http = http();

        // when reads and comment creations follow each other, the connection idle in between as in a job
        String log = CapturedLog.during(() -> {
            for (int i = 0; i < 4; i++) {
                GitHubResponse answer = i % 2 == 0
                        ? http.send("GET", "/repos/octo/repo/labels", null, "Bearer t")
                        : http.sendOnce("POST", COMMENTS, Map.of("body", "hello"), "Bearer t");
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("{\"id\":" + i + "}");
                idle();
            }
        });

        // then every request reached GitHub once, each on a connection of its own, with nothing retried or logged
        List<RecordedRequest> received = taken(4);
        assertThat(received).extracting(RecordedRequest::getMethod).containsExactly("GET", "POST", "GET", "POST");
        assertThat(received).extracting(RecordedRequest::getConnectionIndex).doesNotHaveDuplicates();
        assertThat(github.getRequestCount()).isEqualTo(4);
        assertThat(waits).hasValue(0);
        assertThat(http.requestsSent()).isEqualTo(4);
        assertThat(log).doesNotContain("WARN").doesNotContain("ERROR");
    }

    @Test
    void givenNothingListensOnGitHubsPort_whenACommentIsCreated_thenItIsTriedAgainSinceNothingLeft() throws Exception {
        // given nothing listening on GitHub's port any more: no connection can be made, so nothing leaves
        String url = github.url("/").toString();
        github.close();
        GitHubHttp http = new GitHubHttp(
                url,
                new RetryPolicy(3, Duration.ofMillis(1), Duration.ofSeconds(5)),
                d -> waits.incrementAndGet(),
                Clock.systemUTC());

        // when a comment is created, a write sent at most once
        GitHubApiException failure = catchThrowableOfType(
                GitHubApiException.class, () -> http.sendOnce("POST", COMMENTS, Map.of("body", "hello"), "Bearer t"));

        // then it was tried as often as any request, since none of its tries could have reached GitHub
        assertThat(waits).hasValue(2);
        assertThat(failure.getMessage()).contains("POST " + COMMENTS).contains("(nothing was sent)");
        assertThat(failure.isFinal()).isFalse();
    }

    @Test
    void givenAServerThatClosesANewConnectionBeforeReadingIt_whenACommentIsCreated_thenGitHubReadsItAtMostOnce()
            throws Exception {
        // given a GitHub whose first connection is closed as soon as it is accepted, and that answers the next
        github.enqueue(new MockResponse.Builder()
                .onRequestStart(new SocketEffect.CloseSocket())
                .build());
        github.enqueue(ok("{\"id\":7}"));
        GitHubHttp http = http();

        // when a comment is created
        GitHubApiException failure = null;
        GitHubResponse answer = null;
        try {
            answer = http.sendOnce("POST", COMMENTS, Map.of("body", "hello"), "Bearer t");
        } catch (GitHubApiException e) {
            failure = e;
        }

        // then GitHub read the comment at most once: sent again only when the close showed before it was written
        List<RecordedRequest> read = new ArrayList<>();
        for (RecordedRequest r = github.takeRequest(200, TimeUnit.MILLISECONDS);
                r != null;
                r = github.takeRequest(200, TimeUnit.MILLISECONDS)) {
            if ("POST".equals(r.getMethod())) {
                read.add(r);
            }
        }
        assertThat(read).hasSizeLessThanOrEqualTo(1);
        if (answer != null) {
            assertThat(answer.body()).isEqualTo("{\"id\":7}");
            assertThat(read).hasSize(1);
        } else {
            assertThat(failure.getMessage()).contains("not sent again: GitHub may have applied it");
            assertThat(read).isEmpty();
        }
    }

    @Test
    void givenAServerThatReadsTheRequestThenDrops_whenACommentIsCreated_thenItIsNotSentAgain() throws Exception {
        // given a GitHub that reads the request, then closes the connection without answering
        github.enqueue(readThenDrop());
        github.enqueue(ok("{\"id\":8}"));
        GitHubHttp http = http();

        // when a comment is created
        String[] log = new String[1];
        GitHubApiException failure = catchThrowableOfType(
                GitHubApiException.class,
                () -> log[0] =
                        CapturedLog.during(() -> http.sendOnce("POST", COMMENTS, Map.of("body", "hello"), "Bearer t")));

        // then it reached GitHub once and was not sent again: the caller looks for the comment before another try
        assertThat(taken(1)).extracting(RecordedRequest::getMethod).containsExactly("POST");
        assertThat(github.takeRequest(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(failure.getMessage())
                .contains("POST " + COMMENTS + " to ")
                .contains("not sent again: GitHub may have applied it");
        assertThat(failure.status()).isZero();
        assertThat(failure.isFinal()).isFalse();
        assertThat(waits).hasValue(0);
    }

    @Test
    void givenAServerThatReadsTheRequestThenDrops_whenARead_thenItIsTriedAgainWithOneWarningAndNoTrace()
            throws Exception {
        // given a GitHub that drops the first read after reading it, then answers
        github.enqueue(readThenDrop());
        github.enqueue(ok("[]"));
        GitHubHttp http = http();

        // when the labels are read
        GitHubResponse[] answer = new GitHubResponse[1];
        String log =
                CapturedLog.during(() -> answer[0] = http.send("GET", "/repos/octo/repo/labels", null, "Bearer t"));

        // then the second try answers, and the first failure is one WARN line naming the call, without a trace
        assertThat(answer[0].status()).isEqualTo(200);
        assertThat(taken(2)).extracting(RecordedRequest::getMethod).containsExactly("GET", "GET");
        List<String> lines = log.lines().toList();
        assertThat(lines)
                .singleElement()
                .satisfies(l -> assertThat(l)
                        .contains("WARN")
                        .contains("GET /repos/octo/repo/labels to ")
                        .contains("attempt 1 of 4"));
        assertThat(log).doesNotContain("ERROR").doesNotContain("\tat ");
    }

    private List<RecordedRequest> taken(int n) throws InterruptedException {
        List<RecordedRequest> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            RecordedRequest r = github.takeRequest(5, TimeUnit.SECONDS);
            assertThat(r).as("request %d of %d", i + 1, n).isNotNull();
            out.add(r);
        }
        return out;
    }

    /**
     * A connection stays idle in the pool between two calls (a job classifies, renders, reads its store), long
     * enough for the server's close to reach this side, as a proxy's idle time-out does.
     */
    private static void idle() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
