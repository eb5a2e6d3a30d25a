package dev.aisectriage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aisectriage.config.AppConfig;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.service.Service;
import dev.aisectriage.support.Network;
import dev.aisectriage.support.TestService;
import dev.aisectriage.support.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service live on the Hugging Face Hub only listens on every interface, while GitHub's side has no WEBHOOK_SECRET
 * and checks signatures with the published development secret: anyone could sign a delivery with it.
 */
@Timeout(60)
class DevelopmentSecretExposureTest {

    @TempDir
    Path dir;

    @Test
    void gitHubsEndpointRefusesItWhenAStrangerSignsWithTheDevelopmentSecretGivenAServiceLiveOnTheHubOnly()
            throws Exception {
        Optional<String> external = Network.nonLoopbackAddress();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to send from: skipped");
        AppConfig config = AppConfig.fromEnvironment(Map.of(
                "HF_TOKEN", "hf_test",
                "HF_WEBHOOK_SECRET", "hub-secret",
                "HF_API_URL", "http://127.0.0.1:1",
                "PORT", "0",
                "DATABASE_PATH", dir.resolve("triage.db").toString()));
        assertThat(config.bindHost()).isEqualTo("0.0.0.0");
        assertThat(config.startupBanner()).contains("takes deliveries only from this machine");

        try (Service service = TestService.running(config, new EventRoutes())) {
            byte[] body = Webhooks.fixture("issues-opened-security-report.json");
            HttpResponse<String> stranger = new Webhooks(
                            external.get(), service.port(), AppConfig.DEVELOPMENT_WEBHOOK_SECRET)
                    .send("issues", "d-stranger", body);
            HttpResponse<String> local =
                    new Webhooks(service.port(), AppConfig.DEVELOPMENT_WEBHOOK_SECRET).send("issues", "d-local", body);

            assertThat(stranger.statusCode()).isEqualTo(403);
            assertThat(stranger.body()).contains("WEBHOOK_SECRET");
            assertThat(local.statusCode()).isEqualTo(202);
            assertThat(service.wiring().deliveries().outcomeOf("d-stranger")).isEmpty();
        }
    }

    @Test
    void
            givenTheImagesSettingsWithoutSecrets_whenAStrangerCalls_thenReadyzAnswersAndNeitherWebhookTakesTheDevelopmentSecret()
                    throws Exception {
        Optional<String> external = Network.nonLoopbackAddress();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to send from: skipped");
        // given dry-run without any secret, listening on every interface as the image does (HOST=0.0.0.0)
        Path database = dir.resolve("data/triage.db");
        AppConfig config =
                AppConfig.fromEnvironment(Map.of("HOST", "0.0.0.0", "PORT", "0", "DATABASE_PATH", database.toString()));

        try (Service service = TestService.running(config, new EventRoutes())) {
            // when a stranger asks for readiness and posts to both webhooks with the published secret
            Webhooks stranger = new Webhooks(external.get(), service.port(), AppConfig.DEVELOPMENT_WEBHOOK_SECRET);
            HttpResponse<String> ready = stranger.get("/readyz");
            HttpResponse<String> github =
                    stranger.send("issues", "d-stranger", Webhooks.fixture("issues-opened-security-report.json"));
            HttpResponse<String> hub = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://" + external.get() + ":" + service.port()
                                            + HuggingFaceWebhookEndpoint.PATH))
                                    .header(
                                            HuggingFaceWebhookEndpoint.SECRET_HEADER,
                                            AppConfig.DEVELOPMENT_WEBHOOK_SECRET)
                                    .POST(HttpRequest.BodyPublishers.ofByteArray(Webhooks.fixture(
                                            "huggingface-discussion-create-pickle-code-execution.json")))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> setup =
                    new Webhooks(service.port(), AppConfig.DEVELOPMENT_WEBHOOK_SECRET).get("/setup");

            // then it is reachable, refuses both deliveries, and /setup (from this machine) writes beside the store
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(github.statusCode()).isEqualTo(403);
            assertThat(hub.statusCode()).isEqualTo(403);
            assertThat(hub.body()).contains("HF_WEBHOOK_SECRET");
            assertThat(setup.body())
                    .contains(database.toAbsolutePath()
                            .getParent()
                            .resolve(".env")
                            .toString());
        }
    }
}
