package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.support.Bot;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import dev.aisectriage.support.TestKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A GitHub that closes every connection after answering costs the bot new connections, never a write or a log line. */
@Timeout(30)
class ClosingConnectionsTest {

    private static final String REPO = "/repos/octo-org/ml-server";
    private static final KeyPair APP = TestKeys.rsa();

    @TempDir
    Path dir;

    private FakeGitHub github;

    @BeforeEach
    void start() throws IOException {
        github = new FakeGitHub("1", APP.getPublic()).closeEachConnection();
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void
            givenAGitHubThatClosesEachConnectionAfterAnswering_whenASecurityReportArrives_thenEveryCallGoesOnceAndNothingIsLogged()
                    throws Exception {
        // given the bot, live, against a GitHub that closes each connection after its answer
        Bot bot = new Bot(dir.resolve("triage.db"), github.url(), "1", APP.getPrivate(), false);

        // when a security report is opened
        String log = capturingLog(() -> bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1")));

        // then each call reached GitHub once, on a connection of its own, the comment included, and nothing was logged
        assertThat(github.requestLines())
                .containsExactly(
                        "POST /app/installations/2311213/access_tokens",
                        "GET " + REPO + "/contents/.github/ai-security-triage.yml",
                        "GET /repos/octo-org/.github/contents/.github/ai-security-triage.yml",
                        "POST " + REPO + "/issues/12/labels",
                        "GET " + REPO + "/issues/12/comments",
                        "POST " + REPO + "/issues/12/comments");
        assertThat(github.commentsOf("octo-org/ml-server#12")).hasSize(1);
        assertThat(log).doesNotContain("WARN").doesNotContain("ERROR").doesNotContain("\tat ");
    }

    /** Runs the handlers, capturing what they log (slf4j-simple writes to standard error in the tests). */
    private static String capturingLog(ThrowingRunnable run) throws Exception {
        PrintStream previous = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(previous);
        }
        String text = log.toString(StandardCharsets.UTF_8);
        previous.print(text);
        return text;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
