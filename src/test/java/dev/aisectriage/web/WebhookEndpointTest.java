package dev.aisectriage.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.config.AppConfig;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.service.Service;
import dev.aisectriage.store.DeliveryOutcome;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.TestConfig;
import dev.aisectriage.support.TestService;
import dev.aisectriage.support.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class WebhookEndpointTest {

    @TempDir
    Path dir;

    final List<Delivery> handled = new CopyOnWriteArrayList<>();
    Service service;
    Webhooks github;

    @BeforeEach
    void start() {
        EventRoutes routes = new EventRoutes()
                .on("issues.opened", (d, lease) -> handled.add(d))
                .on("issue_comment.created", (d, lease) -> handled.add(d))
                .on("installation.created", (d, lease) -> handled.add(d));
        service = TestService.running(TestConfig.dryRun(dir), routes);
        github = new Webhooks(service.port(), TestConfig.SECRET);
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void correctlySignedIssueIsStoredQueuedAndHandledOnce() {
        // given a security report as GitHub sends it
        byte[] body = Webhooks.fixture("issues-opened-detailed-security-report.json");

        // when it arrives correctly signed
        HttpResponse<String> answer = github.send("issues", "d-1", body);

        // then it is accepted, stored and its job runs the handler once
        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body()).contains("\"outcome\":\"queued\"");
        assertThat(service.wiring().deliveries().outcomeOf("d-1")).contains(DeliveryOutcome.QUEUED);
        Eventually.await(
                Duration.ofSeconds(10),
                () -> service.wiring().queries().stateOf("d-1").orElseThrow() == JobState.DONE,
                "job done");
        assertThat(handled).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("d-1");
            assertThat(e.key()).isEqualTo("issues.opened");
            assertThat(e.installationId()).isEqualTo(48151623L);
            assertThat(e.repository()).isEqualTo("example-ml/model-zoo");
            assertThat(e.payload().path("issue").path("number").asInt()).isEqualTo(42);
        });
    }

    @Test
    void wrongSignatureIsRefusedWith401AndNothingIsStored() {
        byte[] body = Webhooks.fixture("issues-opened-detailed-security-report.json");
        String signedWithAnotherSecret = new WebhookSignature("not-the-secret").sign(body);

        HttpResponse<String> answer = github.post("issues", "d-wrong", body, signedWithAnotherSecret);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(service.wiring().deliveries().count()).isZero();
    }

    @Test
    void tamperedBodyIsRefusedWith401() {
        byte[] body = Webhooks.fixture("issues-opened-detailed-security-report.json");
        String signature = new WebhookSignature(TestConfig.SECRET).sign(body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8)
                .replace("reporter-one", "reporter-two")
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = github.post("issues", "d-tampered", tampered, signature);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(service.wiring().deliveries().count()).isZero();
    }

    @Test
    void missingSignatureIsRefusedWith401() {
        HttpResponse<String> answer =
                github.post("issues", "d-unsigned", Webhooks.fixture("issues-opened-plain-bug.json"), null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.body()).contains("missing X-Hub-Signature-256");
        assertThat(service.wiring().deliveries().count()).isZero();
    }

    @Test
    void githubPublishedTestVectorPassesTheSignatureCheck() {
        // given GitHub's documented example: secret "It's a Secret to Everybody", payload "Hello, World!"
        try (Service vectorService = TestService.running(withSecret("It's a Secret to Everybody"), new EventRoutes())) {
            Webhooks client = new Webhooks(vectorService.port(), "unused");
            byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
            String documented = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

            // when it is posted with the documented signature, and with one hex digit changed
            HttpResponse<String> accepted = client.post("issues", "d-vector", body, documented);
            HttpResponse<String> refused =
                    client.post("issues", "d-vector-2", body, documented.replace("757107", "757108"));

            // then the signature passes (the body is then refused as not JSON), and the altered one does not
            assertThat(accepted.statusCode()).isEqualTo(400);
            assertThat(accepted.body()).contains("not JSON");
            assertThat(refused.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void malformedJsonIsRefusedWith400AfterTheSignatureCheck() {
        byte[] body = "{\"action\": \"opened\", ".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> answer = github.send("issues", "d-bad-json", body);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(service.wiring().deliveries().count()).isZero();
    }

    @Test
    void bodyOver25MibIsRefusedWith413() {
        byte[] body = new byte[(int) WebServer.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(body, (byte) ' ');

        HttpResponse<String> answer = github.send("issues", "d-huge", body);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(service.wiring().deliveries().count()).isZero();
    }

    @Test
    void bodyOfExactly25MibIsRead() {
        // given a valid JSON object padded with spaces to exactly the limit
        byte[] body = new byte[(int) WebServer.MAX_BODY_BYTES];
        java.util.Arrays.fill(body, (byte) ' ');
        byte[] json = "{\"zen\":\"big\"}".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(json, 0, body, 0, json.length);

        HttpResponse<String> answer = github.send("ping", "d-at-limit", body);

        assertThat(answer.statusCode()).isEqualTo(200);
    }

    @Test
    void unhandledEventIsRecordedAsIgnoredWith202() {
        HttpResponse<String> answer = github.send(
                "discussion", "d-unhandled", Webhooks.fixture("discussion-created-lora-upload-question.json"));

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body()).contains("\"outcome\":\"ignored\"");
        assertThat(service.wiring().deliveries().outcomeOf("d-unhandled")).contains(DeliveryOutcome.IGNORED);
        assertThat(service.wiring().queries().stateOf("d-unhandled")).isEmpty();
    }

    @Test
    void unhandledActionOfAHandledEventIsIgnored() {
        HttpResponse<String> answer =
                github.send("issues", "d-labeled", Webhooks.fixture("issues-labeled-security.json"));

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(service.wiring().deliveries().outcomeOf("d-labeled")).contains(DeliveryOutcome.IGNORED);
    }

    @Test
    void deliveryWithoutInstallationIsRecordedAsIgnored() {
        HttpResponse<String> answer =
                github.send("issues", "d-repo-hook", Webhooks.fixture("issues-opened-repository-webhook.json"));

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body()).contains("no installation");
        assertThat(service.wiring().deliveries().outcomeOf("d-repo-hook")).contains(DeliveryOutcome.IGNORED);
        assertThat(service.wiring().queries().stateOf("d-repo-hook")).isEmpty();
    }

    @Test
    void pingIsAnsweredWith200() {
        HttpResponse<String> answer = github.send("ping", "d-ping", Webhooks.fixture("ping-app-hook.json"));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("Design for failure.");
        assertThat(service.wiring().deliveries().outcomeOf("d-ping")).contains(DeliveryOutcome.PING);
    }

    @Test
    void redeliveryOfTheSameIdIsANoOp() {
        byte[] body = Webhooks.fixture("installation-created-selected-repositories.json");
        github.send("installation", "d-again", body);
        Eventually.await(
                Duration.ofSeconds(10),
                () -> service.wiring().queries().stateOf("d-again").orElseThrow() == JobState.DONE,
                "first job done");

        HttpResponse<String> again = github.send("installation", "d-again", body);

        assertThat(again.statusCode()).isEqualTo(202);
        assertThat(again.body()).contains("\"outcome\":\"redelivery\"");
        assertThat(service.wiring().deliveries().count()).isEqualTo(1);
        assertThat(service.wiring().queries().countByState().get(JobState.DONE)).isEqualTo(1);
        assertThat(handled).hasSize(1);
    }

    @Test
    void sameEventUnderTwoDeliveryIdsIsProcessedOnce() {
        byte[] body = Webhooks.fixture("issue_comment-created-follow-up.json");

        HttpResponse<String> first = github.send("issue_comment", "d-app", body);
        HttpResponse<String> second = github.send("issue_comment", "d-repo-copy", body);

        assertThat(first.body()).contains("\"outcome\":\"queued\"");
        assertThat(second.statusCode()).isEqualTo(202);
        assertThat(second.body()).contains("\"outcome\":\"duplicate\"");
        assertThat(service.wiring().deliveries().outcomeOf("d-repo-copy")).contains(DeliveryOutcome.DUPLICATE);
        assertThat(service.wiring().queries().stateOf("d-repo-copy")).isEmpty();
        Eventually.await(
                Duration.ofSeconds(10),
                () -> service.wiring().queries().stateOf("d-app").orElseThrow() == JobState.DONE,
                "job done");
        assertThat(handled).hasSize(1);
    }

    @Test
    void twoDifferentIssuesAreBothQueued() {
        github.send("issues", "d-a", Webhooks.fixture("issues-opened-detailed-security-report.json"));
        HttpResponse<String> other = github.send("issues", "d-b", Webhooks.fixture("issues-opened-plain-bug.json"));

        assertThat(other.body()).contains("\"outcome\":\"queued\"");
    }

    @Test
    void answerDoesNotWaitForTheHandlers() throws Exception {
        // given a handler that blocks until released
        CountDownLatch release = new CountDownLatch(1);
        EventRoutes slow = new EventRoutes().on("issues.opened", (e, lease) -> release.await(30, TimeUnit.SECONDS));
        try (Service slowService = TestService.running(TestConfig.dryRun(dir.resolve("slow")), slow)) {
            Webhooks client = new Webhooks(slowService.port(), TestConfig.SECRET);

            // when a delivery arrives
            long started = System.nanoTime();
            HttpResponse<String> answer =
                    client.send("issues", "d-slow", Webhooks.fixture("issues-opened-detailed-security-report.json"));
            long ms = (System.nanoTime() - started) / 1_000_000;

            // then it is answered while the handler is still running
            assertThat(answer.statusCode()).isEqualTo(202);
            Eventually.await(
                    Duration.ofSeconds(10),
                    () -> slowService.wiring().queries().stateOf("d-slow").orElseThrow() == JobState.RUNNING,
                    "job running");
            assertThat(ms).isLessThan(5_000);
            release.countDown();
        }
    }

    @Test
    void healthReadinessAndMetricsAreServed() {
        github.send("issues", "d-m", Webhooks.fixture("issues-opened-detailed-security-report.json"));
        service.wiring().metrics().predictionRecorded(dev.aisectriage.classify.Theme.MODEL);

        assertThat(github.get("/healthz").statusCode()).isEqualTo(200);
        assertThat(github.get("/readyz").statusCode()).isEqualTo(200);
        // The job's duration is observed when it finishes, which the answer of the webhook does not wait for.
        Eventually.await(
                Duration.ofSeconds(30),
                () -> github.get("/metrics").body().contains("triage_job_duration_seconds"),
                "the job's duration in the metrics");
        HttpResponse<String> metrics = github.get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(metrics.body())
                .contains("triage_webhook_deliveries_total{event=\"issues\",outcome=\"queued\"} 1.0")
                .contains("triage_predictions_total{theme=\"model\"} 1.0")
                .contains("triage_jobs{state=\"queued\"}")
                .contains("triage_job_duration_seconds")
                .contains("triage_jobs_dead_lettered_total");
    }

    @Test
    void readinessIsFalseUntilTheModelIsLoaded() {
        AppConfig config = TestConfig.dryRun(dir.resolve("nr"));
        try (Service notReady =
                Service.start(config, TestService.store(config), wiring -> new EventRoutes(), () -> false)) {
            HttpResponse<String> answer = new Webhooks(notReady.port(), TestConfig.SECRET).get("/readyz");

            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.body()).contains("\"model\":\"not loaded\"").contains("\"database\":\"ok\"");
        }
    }

    private dev.aisectriage.config.AppConfig withSecret(String secret) {
        var c = TestConfig.dryRun(dir.resolve("vector"));
        return new dev.aisectriage.config.AppConfig(
                c.appId(),
                c.privateKey(),
                secret,
                false,
                0,
                c.logLevel(),
                c.databasePath(),
                c.githubApiUrl(),
                true,
                null,
                1,
                3,
                60,
                null,
                c.jobTimeoutSeconds(),
                c.redeliverySweepMinutes(),
                c.hub(),
                null,
                c.retentionDays(),
                null,
                null,
                c.advisoryReminderDays());
    }
}
