package dev.aisectriage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each platform is live when its credentials are given; DRY_RUN=true holds both back. */
class HubConfigTest {

    static final String PEM = AppConfigTest.PEM;

    @Test
    void onlyHfTokenAndSecretMeanLiveOnTheHubAndDryRunOnGitHub() {
        AppConfig c = AppConfig.fromEnvironment(Map.of("HF_TOKEN", "hf_abc", "HF_WEBHOOK_SECRET", "hub-secret"));

        assertThat(c.hub().dryRun()).isFalse();
        assertThat(c.hub().token()).isEqualTo("hf_abc");
        assertThat(c.hub().webhookSecret()).isEqualTo("hub-secret");
        assertThat(c.hub().apiUrl()).isEqualTo("https://huggingface.co");
        assertThat(c.dryRun()).isTrue();
        assertThat(c.startupBanner()).contains("DRY-RUN MODE").doesNotContain("HUB DRY-RUN");
        assertThat(c.toString()).doesNotContain("hf_abc").doesNotContain("hub-secret");
    }

    @Test
    void aServiceLiveOnlyOnTheHubListensOnEveryInterfaceSoTheHubCanReachIt() {
        AppConfig hubOnly = AppConfig.fromEnvironment(Map.of("HF_TOKEN", "hf_abc", "HF_WEBHOOK_SECRET", "hub-secret"));
        AppConfig nothing = AppConfig.fromEnvironment(Map.of());

        assertThat(hubOnly.bindHost()).isEqualTo("0.0.0.0");
        assertThat(nothing.bindHost()).isEqualTo("127.0.0.1");
    }

    @Test
    void aHubApiUrlThatIsNotHttpIsRefused() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("HF_API_URL", "file:///etc")))
                .hasMessageContaining("HF_API_URL");
    }

    @Test
    void gitHubCredentialsAloneMeanLiveOnGitHubAndDryRunOnTheHub() {
        AppConfig c = AppConfig.fromEnvironment(Map.of("APP_ID", "1", "PRIVATE_KEY", PEM, "WEBHOOK_SECRET", "s"));

        assertThat(c.dryRun()).isFalse();
        assertThat(c.hub().dryRun()).isTrue();
        assertThat(c.hub().developmentSecret()).isTrue();
        assertThat(c.startupBanner()).contains("HUGGING FACE HUB DRY-RUN");
    }

    @Test
    void dryRunTrueHoldsBothPlatformsBack() {
        AppConfig c = AppConfig.fromEnvironment(Map.of(
                "APP_ID",
                "1",
                "PRIVATE_KEY",
                PEM,
                "WEBHOOK_SECRET",
                "s",
                "HF_TOKEN",
                "hf_abc",
                "HF_WEBHOOK_SECRET",
                "h",
                "DRY_RUN",
                "true"));

        assertThat(c.dryRun()).isTrue();
        assertThat(c.hub().dryRun()).isTrue();
        assertThat(c.hub().token()).isEqualTo("hf_abc");
    }

    @Test
    void dryRunFalseIsAnErrorOnlyWhenNeitherPlatformHasCredentials() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("DRY_RUN", "false")))
                .hasMessageContaining("APP_ID")
                .hasMessageContaining("HF_TOKEN");

        AppConfig hubOnly =
                AppConfig.fromEnvironment(Map.of("DRY_RUN", "false", "HF_TOKEN", "hf_abc", "HF_WEBHOOK_SECRET", "h"));
        assertThat(hubOnly.hub().dryRun()).isFalse();
        assertThat(hubOnly.dryRun()).isTrue();
    }

    @Test
    void aTokenWithoutWebhookSecretIsRefused() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("HF_TOKEN", "hf_abc")))
                .hasMessageContaining("HF_WEBHOOK_SECRET");
    }

    @Test
    void hubSettingsAreRead() {
        AppConfig c = AppConfig.fromEnvironment(Map.of(
                "HF_API_URL", "http://127.0.0.1:9999/",
                "HF_REPOS", "Example-ML, other/one",
                "HF_IGNORE", "example-ml/secret-model",
                "HF_PULL_REQUESTS", "true"));

        assertThat(c.hub().apiUrl()).isEqualTo("http://127.0.0.1:9999");
        assertThat(c.hub().repos()).isEqualTo(List.of("example-ml", "other/one"));
        assertThat(c.hub().pullRequests()).isTrue();
        assertThat(c.hub().actsOn("example-ml/tiny-classifier")).isTrue();
        assertThat(c.hub().actsOn("Example-ML/Secret-Model")).isFalse();
        assertThat(c.hub().actsOn("other/one")).isTrue();
        assertThat(c.hub().actsOn("other/two")).isFalse();
    }

    @Test
    void withoutHfReposEveryRepositoryTheWebhookSendsIsActedOn() {
        assertThat(HubConfig.dryRunDefaults().actsOn("anyone/anything")).isTrue();
        assertThat(HubConfig.dryRunDefaults().pullRequests()).isFalse();
    }
}
