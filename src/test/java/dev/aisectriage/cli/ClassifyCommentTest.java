package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.service.Service;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import dev.aisectriage.support.CliRun;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.TestConfig;
import dev.aisectriage.support.TestService;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ClassifyCommentTest {

    private static final String FIXTURE = "test-fixtures/issues-opened-security-report.json";

    @TempDir
    Path dir;

    @Test
    void itIsExactlyTheWholeCommentTheBotStoresInDryRunWhenClassifyPrintsTheCommentGivenAFixture() throws Exception {
        // given the comment the dry-run service stores for the fixture
        AppConfig config = TestConfig.withoutCredentials(dir);
        Database db = Database.open(config.databasePath());
        String stored;
        try (Service service = TestService.serve(
                config, ClassifierLoader.bundled(), MarkdownCommentRenderer.forApi(config.githubApiUrl()))) {
            String url = "http://127.0.0.1:" + service.port() + "/webhooks/github";
            assertThat(CliRun.of("send-fixture", FIXTURE, "--url", url).exit()).isZero();
            Eventually.await(
                    Duration.ofSeconds(30),
                    () -> new Actions(db, db::writeTransaction)
                            .recent(10).stream().anyMatch(a -> a.action().equals("create comment")),
                    "comment recorded");
            stored = new Actions(db, db::writeTransaction)
                    .recent(10).stream()
                            .filter(a -> a.action().equals("create comment"))
                            .findFirst()
                            .orElseThrow()
                            .detail();
        }

        // when classify prints the comment for the same fixture
        CliRun classify = CliRun.of("classify", "--comment", "--fixture", FIXTURE);

        // then it is the whole comment, byte for byte
        assertThat(classify.exit()).isZero();
        assertThat(classify.out()).isEqualTo(stored);
        assertThat(stored)
                .startsWith("<!-- ai-security-triage:comment -->")
                .contains("</details>")
                .contains("`/ai-security off`");
    }
}
