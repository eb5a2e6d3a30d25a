package dev.aisectriage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.service.BackgroundClassifier;
import dev.aisectriage.service.Service;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Threads;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.FakeHub;
import dev.aisectriage.support.HubWebhooks;
import dev.aisectriage.support.TestService;
import dev.aisectriage.support.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's acceptance run as a test: the whole service, wired as {@code serve} wires it (real model), configured
 * with only {@code HF_TOKEN} and {@code HF_WEBHOOK_SECRET}, against a stand-in Hub. A discussion about a pickle that
 * runs code on load gets exactly one comment naming the theme and safetensors; the same event again, a restart,
 * and the bot's own comment coming back add nothing; a wrong secret gets 403 and a missing one 401, nothing stored;
 * GitHub stays in dry-run.
 */
@Tag("slow")
@Timeout(120)
class HubAcceptanceTest {

    private static final ThreadRef HUB_DISCUSSION =
            new ThreadRef.HubDiscussion("model", "example-ml/tiny-classifier", 7);

    private static final String SECRET = "hub-acceptance-secret";
    private static final String DISCUSSION = "models/example-ml/tiny-classifier#7";
    private static final String COMMENT_PATH = "/api/models/example-ml/tiny-classifier/discussions/7/comment";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Classifier CLASSIFIER = BackgroundClassifier.load(ClassifierLoader::bundled);

    @TempDir
    Path dir;

    @Test
    void aPickleDiscussionGetsOneCommentAndRepeatsRestartAndTheBotsOwnCommentAddNothing() throws Exception {
        byte[] body = Webhooks.fixture("huggingface-discussion-create-pickle-code-execution.json");
        try (FakeHub hub = new FakeHub()) {
            // given a service with only the Hub's token and secret (plus where to listen, store, and find the Hub)
            AppConfig config = AppConfig.fromEnvironment(Map.of(
                    "HF_TOKEN",
                    FakeHub.TOKEN,
                    "HF_WEBHOOK_SECRET",
                    SECRET,
                    "HF_API_URL",
                    hub.url(),
                    "PORT",
                    "0",
                    "DATABASE_PATH",
                    dir.resolve("data/triage.db").toString()));
            assertThat(config.hub().dryRun()).as("live on the Hub").isFalse();
            assertThat(config.dryRun()).as("dry-run on GitHub").isTrue();

            Service first = start(config);
            HubWebhooks webhooks = new HubWebhooks(first.port(), SECRET);

            // a wrong secret gets 403 and a missing one 401, and nothing is stored
            assertThat(webhooks.post("", body, "wrong-secret").statusCode()).isEqualTo(403);
            assertThat(webhooks.post("", body, null).statusCode()).isEqualTo(401);
            assertThat(first.wiring().deliveries().count()).isZero();

            // when the discussion is created with the right secret
            HttpResponse<String> answer = webhooks.send(body);
            assertThat(answer.statusCode()).isEqualTo(202);
            awaitDone(first, JSON.readTree(answer.body()).path("delivery").asText());

            // then exactly one comment, after the bot asked who it is and looked for an earlier comment of its own
            assertThat(hub.requests())
                    .extracting(FakeHub.Request::line)
                    .containsExactly(
                            "GET /api/whoami-v2",
                            "GET /api/models/example-ml/tiny-classifier/discussions/7",
                            "POST " + COMMENT_PATH);
            assertThat(hub.requests()).allMatch(r -> ("Bearer " + FakeHub.TOKEN).equals(r.authorization()));
            String comment = hub.writes().get(0).json().path("comment").asText();
            String themeTitle = Theme.parse(
                            new Threads(first.wiring().db(), first.wiring().db()::writeTransaction)
                                    .find(HUB_DISCUSSION)
                                    .orElseThrow()
                                    .primaryTheme())
                    .title();
            assertThat(comment)
                    .startsWith(CommentMarker.MARKER)
                    .contains("Security issue: " + themeTitle)
                    .contains("Secure File Format Adoption")
                    .containsIgnoringCase("safetensors")
                    .doesNotContain("<details")
                    .doesNotContain("/ai-security");

            // the same event again, to the running service
            assertThat(webhooks.send(body).body()).contains("\"outcome\":\"duplicate\"");
            first.close();

            // a restart on the same database, the same event again, and the bot's own comment coming back
            Service second = start(config);
            webhooks = new HubWebhooks(second.port(), SECRET);
            assertThat(webhooks.send(body).body()).contains("\"outcome\":\"duplicate\"");
            FakeHub.Comment posted = hub.commentsOf(DISCUSSION).get(0);
            HttpResponse<String> own = webhooks.send(ownCommentEvent(posted));
            assertThat(own.body()).contains("\"outcome\":\"queued\"");
            awaitDone(second, JSON.readTree(own.body()).path("delivery").asText());
            assertThat(new Threads(second.wiring().db(), second.wiring().db()::writeTransaction)
                            .replies(HUB_DISCUSSION))
                    .as("the bot's own comment is not read as a reply")
                    .isEmpty();

            // GitHub is in dry-run: a GitHub report is triaged and its actions only recorded as intended
            HttpResponse<String> github = new Webhooks(second.port(), AppConfig.DEVELOPMENT_WEBHOOK_SECRET)
                    .send("issues", "gh-1", Webhooks.fixture("issues-opened-security-report.json"));
            assertThat(github.statusCode()).isEqualTo(202);
            awaitDone(second, "gh-1");
            assertThat(new Actions(second.wiring().db(), second.wiring().db()::writeTransaction).recent(20))
                    .filteredOn(a -> a.installationId() != null)
                    .isNotEmpty()
                    .allMatch(Actions.Action::dryRun);

            // the dashboard lists the Hub discussion
            assertThat(new Webhooks(second.port(), "-").get("/dashboard").body())
                    .contains("Hugging Face Hub discussions")
                    .contains("example-ml/tiny-classifier#7");
            second.close();

            // then still exactly one comment on the Hub, and one write
            assertThat(hub.writes()).hasSize(1);
            assertThat(hub.commentsOf(DISCUSSION)).hasSize(1);
            assertThat(new Actions(second.wiring().db(), second.wiring().db()::writeTransaction).recent(20))
                    .filteredOn(a -> a.installationId() == null)
                    .singleElement()
                    .satisfies(a -> {
                        assertThat(a.dryRun()).isFalse();
                        assertThat(a.action()).isEqualTo("create comment");
                        assertThat(a.repository()).isEqualTo("example-ml/tiny-classifier");
                    });
        }
    }

    /** The Hub's {@code discussion.comment} create event for the bot's own comment. */
    private static byte[] ownCommentEvent(FakeHub.Comment posted) throws Exception {
        ObjectNode p = (ObjectNode)
                JSON.readTree(Webhooks.fixture("huggingface-discussion.comment-create-bot-own-comment.json"));
        ObjectNode c = (ObjectNode) p.get("comment");
        c.put("id", posted.id()).put("content", posted.text());
        ((ObjectNode) c.get("author")).put("id", FakeHub.BOT_ID);
        return p.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The service exactly as {@code serve} wires it: the bundled model, the catalogue's renderers, real gateways. */
    private static Service start(AppConfig config) {
        return TestService.serve(config, CLASSIFIER, MarkdownCommentRenderer.forApi(config.githubApiUrl()));
    }

    private static void awaitDone(Service service, String delivery) {
        Eventually.await(
                Duration.ofSeconds(60),
                () -> service.wiring()
                        .queries()
                        .stateOf(delivery)
                        .filter(s -> s == JobState.DONE || s == JobState.DEAD)
                        .isPresent(),
                "job of " + delivery + " finished");
        assertThat(service.wiring().queries().stateOf(delivery)).contains(JobState.DONE);
    }
}
