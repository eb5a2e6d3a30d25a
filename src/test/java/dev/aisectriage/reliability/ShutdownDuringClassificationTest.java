package dev.aisectriage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.support.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while the classifier runs: ONNX Runtime frees its environment in a JVM shutdown hook of its own, which the
 * JVM runs at the same time as the service's, so a job still inside {@code OrtSession.run} used to crash the process
 * (SIGSEGV in {@code libonnxruntime}). The service must drain the job, close the session, and only then let the JVM
 * shut down.
 */
class ShutdownDuringClassificationTest {

    static final String SECRET = "shutdown-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ROUNDS = 3;
    private static final int BACKLOG = 60;

    @TempDir
    Path dir;

    @Test
    @Timeout(400)
    void freesTheModelOnlyAfterTheJobsDrainedWhenSigtermArrivesGivenABacklogBeingClassified() throws Exception {
        byte[] template = Webhooks.fixture("issues-opened-detailed-security-report.json");
        for (int round = 0; round < ROUNDS; round++) {
            List<String> lines;
            int exit;
            try (ServeProcess serve = ServeProcess.start(
                    dir, Map.of("WEBHOOK_SECRET", SECRET, "DRY_RUN", "true"), ServeBesideAShutdownHook.class)) {
                // given a backlog of issues the classifier works through
                Webhooks hooks = new Webhooks(serve.port(), SECRET);
                for (int i = 0; i < BACKLOG; i++) {
                    int number = 10_000 * (round + 1) + i;
                    assertThat(hooks.send("issues", "d-" + number, issue(template, number))
                                    .statusCode())
                            .isEqualTo(202);
                }
                serve.awaitLine(l -> l.contains("(p="), Duration.ofSeconds(60));

                // when SIGTERM arrives while jobs are being classified
                serve.terminate();
                lines = serve.lines();
                exit = serve.exitValue();
            }

            // then the jobs drain and the model is freed before the JVM's shutdown hooks start, none classifying
            assertThat(exit).as("exit code of round %d", round).isIn(0, 143);
            assertThat(lines).noneMatch(l -> l.contains("A fatal error has been detected"));
            int drained = indexOf(lines, "job workers stopped");
            int freed = indexOf(lines, "classifier closed");
            int hooks = indexOf(lines, ServeBesideAShutdownHook.LINE);
            assertThat(lines.get(hooks)).endsWith(ServeBesideAShutdownHook.LINE + "none");
            assertThat(drained).as("jobs drained before the JVM's hooks").isBetween(0, hooks);
            assertThat(freed)
                    .as("model freed after the jobs, before the JVM's hooks")
                    .isBetween(drained, hooks);
        }
    }

    private static int indexOf(List<String> lines, String text) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no line contains '" + text + "':\n" + String.join("\n", lines));
    }

    private static byte[] issue(byte[] template, int number) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(template);
        ObjectNode issue = (ObjectNode) payload.get("issue");
        issue.put("number", number);
        issue.put("id", 8_000_000_000L + number);
        issue.put("title", issue.get("title").asText() + " (" + number + ")");
        return JSON.writeValueAsBytes(payload);
    }
}
