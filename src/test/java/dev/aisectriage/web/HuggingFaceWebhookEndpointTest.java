package dev.aisectriage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.service.Service;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.HubWebhooks;
import dev.aisectriage.support.TestService;
import dev.aisectriage.support.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HuggingFaceWebhookEndpointTest {

    static final String SECRET = "hub-secret";
    static final ObjectMapper JSON = new ObjectMapper();
    static final byte[] PICKLE = Webhooks.fixture("huggingface-discussion-create-pickle-code-execution.json");

    @TempDir
    Path dir;

    final List<Delivery> handled = new CopyOnWriteArrayList<>();
    Service service;
    HubWebhooks hub;

    void start(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                "HF_WEBHOOK_SECRET",
                SECRET,
                "DATABASE_PATH",
                dir.resolve("triage.db").toString(),
                "PORT",
                "0"));
        env.putAll(extra);
        EventRoutes routes = new EventRoutes()
                .on("huggingface.discussion.create", (d, lease) -> handled.add(d))
                .on("huggingface.discussion.update", (d, lease) -> handled.add(d))
                .on("huggingface.discussion.comment.create", (d, lease) -> handled.add(d))
                .on("huggingface.discussion.comment.update", (d, lease) -> handled.add(d));
        service = TestService.running(AppConfig.fromEnvironment(env), routes);
        hub = new HubWebhooks(service.port(), SECRET);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void aDiscussionWithTheRightSecretIsStoredQueuedAndHandledOnce() {
        start(Map.of());

        HttpResponse<String> answer = hub.send(PICKLE);

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body()).contains("\"outcome\":\"queued\"");
        Eventually.await(Duration.ofSeconds(10), () -> handled.size() == 1, "handled");
        Delivery e = handled.get(0);
        assertThat(e.key()).isEqualTo("huggingface.discussion.create");
        assertThat(e.id()).startsWith("hf-");
        assertThat(e.installationId()).isNull();
        assertThat(e.repository()).isEqualTo("example-ml/tiny-classifier");
        assertThat(e.payload().path("discussion").path("num").asInt()).isEqualTo(7);
        Eventually.await(
                Duration.ofSeconds(10),
                () -> service.wiring().queries().stateOf(e.id()).orElseThrow() == JobState.DONE,
                "job done");
    }

    @Test
    void theSameEventSentAgainIsRecordedAsADuplicateAndNotQueued() throws Exception {
        start(Map.of());

        hub.send(PICKLE);
        HttpResponse<String> again = hub.send(PICKLE);

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).contains("\"outcome\":\"duplicate\"");
        await("still one job handled")
                .during(Duration.ofMillis(300))
                .atMost(Duration.ofSeconds(5))
                .until(handled::size, n -> n == 1);
        assertThat(service.wiring().deliveries().countByOutcome())
                .containsEntry("queued", 1L)
                .containsEntry("duplicate", 1L);
    }

    @Test
    void anEditOfTheTextIsANewEvent() throws Exception {
        start(Map.of());
        ObjectNode edited = (ObjectNode) JSON.readTree(PICKLE);
        ((ObjectNode) edited.get("comment")).put("content", "edited text");

        hub.send(PICKLE);
        HttpResponse<String> answer = hub.send(edited.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(answer.body()).contains("\"outcome\":\"queued\"");
    }

    @Test
    void aMissingSecretIs401AndAWrongOne403AndNothingIsStored() {
        start(Map.of());

        assertThat(hub.post("", PICKLE, null).statusCode()).isEqualTo(401);
        assertThat(hub.post("", PICKLE, "not-the-secret").statusCode()).isEqualTo(403);
        assertThat(hub.post("?secret=not-the-secret", PICKLE, null).statusCode())
                .isEqualTo(403);
        assertThat(hub.post("", PICKLE, SECRET.substring(1)).statusCode()).isEqualTo(403);

        assertThat(service.wiring().deliveries().count()).isZero();
        assertThat(new String(service.wiring().metrics().scrape(), StandardCharsets.UTF_8))
                .contains("triage_webhook_deliveries_total{event=\"unverified\",outcome=\"unauthorized\"} 1.0")
                .contains("triage_webhook_deliveries_total{event=\"unverified\",outcome=\"forbidden\"} 3.0");
    }

    @Test
    void theSecretMayComeAsAQueryParameter() {
        start(Map.of());

        HttpResponse<String> answer = hub.post("?secret=" + SECRET, PICKLE, null);

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body()).contains("\"outcome\":\"queued\"");
    }

    @Test
    void otherScopesAreAcceptedAndRecordedAsIgnored() {
        start(Map.of());

        HttpResponse<String> answer = hub.send(Webhooks.fixture("huggingface-repo.content-update-new-commit.json"));

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body())
                .contains("\"outcome\":\"ignored\"")
                .contains("not handled: huggingface.repo.content.update");
        assertThat(service.wiring().deliveries().countByOutcome()).containsEntry("ignored", 1L);
    }

    @Test
    void anUnknownNarrowerScopeIsHandledAsAnUpdateOfTheBroaderOne() throws Exception {
        start(Map.of());
        ObjectNode reaction =
                (ObjectNode) JSON.readTree(Webhooks.fixture("huggingface-discussion.comment-create-follow-up.json"));
        ((ObjectNode) reaction.get("event")).put("scope", "discussion.comment.reaction");

        HttpResponse<String> answer = hub.send(reaction.toString().getBytes(StandardCharsets.UTF_8));

        assertThat(answer.body()).contains("\"outcome\":\"queued\"");
        Eventually.await(Duration.ofSeconds(10), () -> handled.size() == 1, "handled");
        assertThat(handled.get(0).key()).isEqualTo("huggingface.discussion.comment.update");
    }

    @Test
    void hiddenCommentsAndPullRequestsAreIgnored() {
        start(Map.of());

        HttpResponse<String> hidden = hub.send(Webhooks.fixture("huggingface-discussion.comment-update-hidden.json"));
        HttpResponse<String> pr = hub.send(Webhooks.fixture("huggingface-discussion-create-pull-request.json"));

        assertThat(hidden.body()).contains("\"outcome\":\"ignored\"").contains("hidden comment");
        assertThat(pr.body()).contains("\"outcome\":\"ignored\"").contains("pull request");
        assertThat(handled).isEmpty();
    }

    @Test
    void pullRequestsAreTriagedWhenConfigured() {
        start(Map.of("HF_PULL_REQUESTS", "true"));

        HttpResponse<String> pr = hub.send(Webhooks.fixture("huggingface-discussion-create-pull-request.json"));

        assertThat(pr.body()).contains("\"outcome\":\"queued\"");
    }

    @Test
    void repositoriesOutsideHfReposOrInHfIgnoreAreIgnored() {
        start(Map.of("HF_REPOS", "example-ml, other-org/one-model", "HF_IGNORE", "example-ml/tiny-classifier"));

        HttpResponse<String> answer = hub.send(PICKLE);

        assertThat(answer.body()).contains("\"outcome\":\"ignored\"").contains("HF_IGNORE");
    }

    @Test
    void aBodyThatIsNotAHubPayloadIs400() {
        start(Map.of());

        assertThat(hub.send("{not json".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(400);
        assertThat(hub.send("{\"event\":{\"scope\":\"discussion\"}}".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(400);
        assertThat(hub.send(new String(PICKLE, StandardCharsets.UTF_8)
                                .replace("example-ml/tiny-classifier\"", "../../etc\"")
                                .getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(400);
        assertThat(hub.send(new String(PICKLE, StandardCharsets.UTF_8)
                                .replace("\"num\": 7", "\"num\": -7")
                                .getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(400);
        assertThat(service.wiring().deliveries().count()).isZero();
    }

    @Test
    void triggersAreCountedPerWebhook() {
        start(Map.of());

        hub.send(PICKLE);
        hub.send(Webhooks.fixture("huggingface-repo.content-update-new-commit.json"));

        assertThat(new String(service.wiring().metrics().scrape(), StandardCharsets.UTF_8))
                .contains("triage_hub_webhook_triggers_total{webhook=\"6390e855e30d9209411de93b\"} 2.0")
                .contains("triage_webhook_deliveries_total{event=\"huggingface.discussion\",outcome=\"queued\"} 1.0");
    }
}
