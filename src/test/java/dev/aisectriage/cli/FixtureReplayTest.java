package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.service.Service;
import dev.aisectriage.store.Database;
import dev.aisectriage.support.CliRun;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.TestConfig;
import dev.aisectriage.support.TestService;
import dev.aisectriage.support.Webhooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every fixture, signed and sent with send-fixture to the service as `serve` builds it (real model, real triage
 * handlers, dry-run), gets a 2xx answer and every job it queued completes without failing.
 */
@Tag("slow")
@Timeout(120)
class FixtureReplayTest {

    @TempDir
    Path dir;

    @Test
    void everyFixtureSentWithSendFixtureIsAcceptedAndItsJobCompletes() throws Exception {
        // given the service as `serve` starts it in dry-run without a secret
        AppConfig config = TestConfig.withoutCredentials(dir);
        Database db = Database.open(config.databasePath());
        List<Path> fixtures;
        try (Stream<Path> files = Files.list(Webhooks.FIXTURES)) {
            fixtures =
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(fixtures).hasSizeGreaterThanOrEqualTo(13);

        try (Service service = TestService.serve(
                config, ClassifierLoader.bundled(), MarkdownCommentRenderer.forApi(config.githubApiUrl()))) {
            String url = "http://127.0.0.1:" + service.port() + "/webhooks/github";

            // when each fixture is sent with the default (development) secret
            for (Path fixture : fixtures) {
                CliRun sent = CliRun.of("send-fixture", fixture.toString(), "--url", url);

                // then every answer is 2xx
                assertThat(sent.exit()).as(fixture + ": " + sent.out()).isZero();
                assertThat(sent.out()).containsPattern("(?m)^20[02] ");
            }

            // and every queued job completes, none fails
            Eventually.await(
                    Duration.ofSeconds(30),
                    () -> {
                        var counts = service.wiring().queries().countByState();
                        return counts.get(JobState.QUEUED) == 0 && counts.get(JobState.RUNNING) == 0;
                    },
                    "queue drained");
            var counts = service.wiring().queries().countByState();
            assertThat(counts).containsEntry(JobState.DEAD, 0L);
            assertThat(counts.get(JobState.DONE))
                    .isEqualTo(service.wiring().deliveries().countByOutcome().getOrDefault("queued", 0L));
            // the pushes and the private report (push-*, repository_advisory-*) are routed: their jobs complete too
            assertThat(counts.get(JobState.DONE)).isGreaterThanOrEqualTo(fixtures.size() - 6L);
            assertThat(service.wiring().deliveries().count()).isEqualTo(fixtures.size());
            // and the unlabeled fixture removes the bot's own theme label: it is never added to that thread again
            assertThat(new dev.aisectriage.store.Threads(db, db::writeTransaction)
                            .labelsRemovedByHumans(new dev.aisectriage.core.ThreadRef.GitHubIssue(
                                    48151623L, "example-ml/model-zoo", 42, null)))
                    .containsExactly("ai-security: system-software");
        }
    }

    @Test
    void eventNameIsTakenFromTheFileName() {
        assertThat(SendFixtureCommand.eventFromFileName(Path.of("test-fixtures/issue_comment-created-x.json")))
                .isEqualTo("issue_comment");
        assertThat(SendFixtureCommand.eventFromFileName(Path.of("ping-app-hook.json")))
                .isEqualTo("ping");
    }
}
