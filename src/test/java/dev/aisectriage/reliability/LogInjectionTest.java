package dev.aisectriage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.support.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, defect 10: values from a payload reach the log escaped. A signed {@code action} with a line break cannot
 * write a line of its own, and NUL or terminal escapes in a repository name, a slash command or an error message
 * never reach the log as such. Runs the real service ({@code serve}, dry-run) and reads every line it writes.
 */
@Timeout(180)
class LogInjectionTest {

    static final String SECRET = "log-injection-secret";
    static final String FORGED = "2026-11-29T23:00:00.000Z [main] WARN delivery - FORGED admin logged in";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void noneReachesTheLogAndNoLineIsForgedWhenTheyAreHandledGivenSignedPayloadsWithControlCharacters()
            throws Exception {
        try (ServeProcess serve = ServeProcess.dryRun(dir, SECRET, 1)) {
            Webhooks github = new Webhooks(serve.port(), SECRET);

            // given an action with a line break (a delivery the bot does not handle, so it is logged as ignored)
            ObjectNode forgedAction = fixture("issues-opened-security-report.json");
            forgedAction.put("action", "opened\n" + FORGED);
            // an issue in a repository whose name carries NUL and terminal escapes (triaged in dry-run)
            ObjectNode nulRepository = fixture("issues-opened-security-report.json");
            ((ObjectNode) nulRepository.get("repository")).put("full_name", "evil/re\u0000po\u001b[31m\rFORGED");
            // a maintainer's slash command with control characters in its argument
            ObjectNode command = fixture("issue_comment-created-follow-up.json");
            ((ObjectNode) command.get("comment")).put("body", "/ai-security theme da\u0000ta\u001b]0;owned\u0007");
            ((ObjectNode) command.get("comment")).put("author_association", "MEMBER");
            // and a payload that fails its job, with a line break in the repository the failure names
            ObjectNode failing = fixture("issues-opened-security-report.json");
            failing.remove("issue");
            ((ObjectNode) failing.get("repository")).put("full_name", "evil/x\n" + FORGED);

            // when they arrive, signed
            assertThat(send(github, "issues", "d-action", forgedAction)).isEqualTo(202);
            assertThat(send(github, "issues", "d-nul", nulRepository)).isEqualTo(202);
            assertThat(send(github, "issue_comment", "d-command", command)).isEqualTo(202);
            assertThat(send(github, "issues", "d-failing", failing)).isEqualTo(202);
            serve.awaitLine(l -> l.contains("job failed") && l.contains("d-failing"), Duration.ofSeconds(60));
            serve.awaitLine(l -> l.contains("/ai-security theme"), Duration.ofSeconds(60));
            serve.awaitLine(l -> l.contains("would") && l.contains("evil/re"), Duration.ofSeconds(60));

            // then no line carries a control character, and none begins with the forged text
            List<String> lines = serve.lines();
            assertThat(lines)
                    .as("lines with control characters")
                    .filteredOn(LogInjectionTest::hasControlCharacter)
                    .isEmpty();
            assertThat(lines)
                    .as("forged lines")
                    .filteredOn(l -> l.startsWith("2026-11-29T23:00:00.000Z") || l.startsWith("FORGED"))
                    .isEmpty();
            // and the values were logged, escaped
            assertThat(lines).anyMatch(l -> l.contains("issues.opened\\n2026-11-29T23:00:00.000Z"));
            assertThat(lines).anyMatch(l -> l.contains("evil/re\\u0000po\\u001b[31m\\rFORGED"));
        }
    }

    static boolean hasControlCharacter(String line) {
        return line.chars().anyMatch(c -> (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f));
    }

    private static int send(Webhooks github, String event, String id, ObjectNode payload) throws Exception {
        return github.send(event, id, JSON.writeValueAsBytes(payload)).statusCode();
    }

    private static ObjectNode fixture(String name) throws Exception {
        return (ObjectNode) JSON.readTree(Webhooks.fixture(name));
    }
}
