package dev.aisectriage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.Webhooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed delivery whose {@code repository.full_name} is not {@code owner/name} is a malformed payload: its job is
 * dead-lettered with a reason that names the field, logged in one WARN line, and no stack trace reaches the log.
 */
@Timeout(180)
class MalformedRepositoryNameTest {

    static final String SECRET = "malformed-repository-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void itIsDeadLetteredInOneWarnLineWhenItsJobRunsGivenASignedIssueInARepositoryNamedWithoutASlash()
            throws Exception {
        try (ServeProcess serve = ServeProcess.dryRun(dir, SECRET, 3)) {
            Webhooks github = new Webhooks(serve.port(), SECRET);
            StoreProbe store = new StoreProbe(dir.resolve("triage.db"));
            // given a signed report whose repository's full name has no slash
            ObjectNode payload = (ObjectNode) JSON.readTree(Webhooks.fixture("issues-opened-security-report.json"));
            ((ObjectNode) payload.get("repository")).put("full_name", "noslash");

            // when it arrives and its job runs
            int status = github.send("issues", "d-noslash", JSON.writeValueAsBytes(payload))
                    .statusCode();
            assertThat(status).isEqualTo(202);
            Eventually.await(Duration.ofSeconds(60), () -> store.jobStates().get("dead") == 1, "the job dead");

            // then it is dead-lettered at its first attempt, with a reason that names the field
            assertThat(store.deadLetters())
                    .singleElement()
                    .asString()
                    .startsWith("d-noslash after 1: ")
                    .contains("repository.full_name")
                    .contains("noslash");
            // and the log has one WARN line for the job, no ERROR and no stack trace
            serve.awaitLine(l -> l.contains("job failed") && l.contains("d-noslash"), Duration.ofSeconds(30));
            List<String> lines = serve.lines();
            assertThat(lines)
                    .filteredOn(l -> l.contains("job failed"))
                    .singleElement()
                    .asString()
                    .contains(" WARN ")
                    .contains("d-noslash");
            assertThat(lines).as("ERROR or stack trace lines").noneMatch(LogLines::isErrorOrTrace);
        }
    }
}
