package dev.aisectriage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aisectriage.config.AppConfig;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.service.Service;
import dev.aisectriage.support.Network;
import dev.aisectriage.support.TestService;
import dev.aisectriage.support.Webhooks;
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
}
