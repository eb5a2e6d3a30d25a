package dev.aisectriage.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.catalogue.CommentContext;
import dev.aisectriage.catalogue.HubCommentRenderer;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.service.Service;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Threads;
import dev.aisectriage.support.CliRun;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.FakeClassifier;
import dev.aisectriage.support.PlainRenderer;
import dev.aisectriage.support.TestConfig;
import dev.aisectriage.support.TestService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** In dry-run, the comment the bot would post on a Hub discussion is stored and shown whole, not its log line's cut. */
@Timeout(60)
class HubDryRunCommentTest {

    private static final ThreadRef HUB_DISCUSSION =
            new ThreadRef.HubDiscussion("model", "example-ml/tiny-classifier", 7);

    @TempDir
    Path dir;

    @Test
    void theWholeHubCommentIsStoredAndOnTheDashboardWhenAFlaggedDiscussionArrivesGivenDryRun() throws Exception {
        // given the service in dry-run on both platforms (no credentials)
        AppConfig config = TestConfig.withoutCredentials(dir);
        FakeClassifier classifier = new FakeClassifier();
        try (Database db = Database.open(config.databasePath());
                Service service = TestService.serve(config, classifier, new PlainRenderer())) {

            // when the Hub sends a discussion about a pickle that runs code
            CliRun sent = CliRun.of(
                    "send-fixture",
                    "test-fixtures/huggingface-discussion-create-pickle-code-execution.json",
                    "--url",
                    "http://127.0.0.1:" + service.port() + "/webhooks/huggingface");
            assertThat(sent.exit()).as(sent.out()).isZero();
            Actions actions = new Actions(db, db::writeTransaction);
            Eventually.await(
                    Duration.ofSeconds(30),
                    () -> actions.recent(10).stream().anyMatch(a -> a.action().equals("create comment")),
                    "the comment recorded");

            // then the stored comment is the Hub's whole comment for the thread's text, far past 121 characters
            String stored = actions.recent(10).stream()
                    .filter(a -> a.action().equals("create comment"))
                    .findFirst()
                    .orElseThrow()
                    .detail();
            String text = new Threads(db, db::writeTransaction)
                    .find(HUB_DISCUSSION)
                    .orElseThrow()
                    .text();
            String whole = HubCommentRenderer.withDefaults()
                    .triageComment(new CommentContext(
                            HUB_DISCUSSION.repository(),
                            true,
                            text,
                            classifier.classify(text),
                            RepoConfig.defaults().errors()));
            assertThat(whole.length()).isGreaterThan(500);
            assertThat(stored).isEqualTo(whole);

            // and the dashboard's list of actions shows its last words
            String lastLine = whole.strip().lines().reduce((a, b) -> b).orElseThrow();
            String lastWords = lastLine.replaceAll("[^A-Za-z ]", " ").strip().replaceAll(".* (\\w+ \\w+)$", "$1");
            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + service.port() + "/dashboard/actions"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains(lastWords);
        }
    }
}
