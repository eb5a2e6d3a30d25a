package dev.aisectriage.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

    static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----\n";

    @Test
    void noCredentialsMeansDryRunWithTheDevelopmentSecretAndDefaults() {
        AppConfig c = AppConfig.fromEnvironment(Map.of());

        assertThat(c.dryRun()).isTrue();
        assertThat(c.developmentSecret()).isTrue();
        assertThat(c.webhookSecret()).isEqualTo(AppConfig.DEVELOPMENT_WEBHOOK_SECRET);
        assertThat(c.port()).isEqualTo(3000);
        assertThat(c.databasePath()).isEqualTo(Path.of("./data/triage.db"));
        assertThat(c.githubApiUrl()).isEqualTo("https://api.github.com");
        assertThat(c.modelDir()).isNull();
        assertThat(c.startupBanner()).contains("DRY-RUN").contains(AppConfig.DEVELOPMENT_WEBHOOK_SECRET);
    }

    @Test
    void theReminderForPrivateReportsIsSevenDaysUnlessSetAndAtLeastOneDay() {
        // given no ADVISORY_REMINDER_DAYS, then 7 days; given 14, then 14
        String reminder = "ADVISORY_REMINDER_DAYS";
        assertThat(Stream.of(Map.<String, String>of(), Map.of(reminder, "14")))
                .extracting(env -> AppConfig.fromEnvironment(env).advisoryReminderDays())
                .containsExactly(7, 14);
        // given 0, then the start stops naming the variable, which serve --help lists
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of(reminder, "0")))
                .hasMessageContaining(reminder + " must be at least 1");
        assertThat(AppConfig.VARIABLES).anyMatch(v -> v.startsWith(reminder + " "));
    }

    @Test
    void givenNoGitHubCacheDirWhenReadThenTheCacheLivesBesideTheDatabaseAndAGivenOneIsTaken() {
        // given DATABASE_PATH alone, then GITHUB_CACHE_DIR too
        AppConfig beside = AppConfig.fromEnvironment(Map.of("DATABASE_PATH", "/var/lib/triage/triage.db"));
        AppConfig given = AppConfig.fromEnvironment(Map.of("GITHUB_CACHE_DIR", "/cache/github"));

        // then the cache is github-cache in the database's folder, or the folder given
        assertThat(beside.githubCacheDir()).isEqualTo(Path.of("/var/lib/triage/github-cache"));
        assertThat(given.githubCacheDir()).isEqualTo(Path.of("/cache/github"));
    }

    @Test
    void credentialsWithoutWebhookSecretAreRefused() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("APP_ID", "123", "PRIVATE_KEY", PEM)))
                .hasMessageContaining("WEBHOOK_SECRET");
    }

    @Test
    void credentialsAndSecretMeanLiveModeWithTheKeyUnescaped() {
        AppConfig c = AppConfig.fromEnvironment(Map.of(
                "APP_ID", "123",
                "PRIVATE_KEY", PEM.replace("\n", "\\n"),
                "WEBHOOK_SECRET", "s3cret",
                "PORT", "8080",
                "GITHUB_API_URL", "https://ghe.example.com/api/v3/",
                "MODEL_DIR", "/models/mine"));

        assertThat(c.dryRun()).isFalse();
        assertThat(c.appId()).isEqualTo(123L);
        assertThat(c.privateKey()).isEqualTo(PEM);
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.githubApiUrl()).isEqualTo("https://ghe.example.com/api/v3");
        assertThat(c.modelDir()).isEqualTo(Path.of("/models/mine"));
        assertThat(c.toString()).doesNotContain("s3cret").doesNotContain("MIIEabc");
    }

    @Test
    void privateKeyIsReadFromPrivateKeyPath(@TempDir Path dir) throws Exception {
        Path key = Files.writeString(dir.resolve("app.pem"), PEM);

        AppConfig c = AppConfig.fromEnvironment(
                Map.of("APP_ID", "1", "PRIVATE_KEY_PATH", key.toString(), "WEBHOOK_SECRET", "s"));

        assertThat(c.privateKey()).isEqualTo(PEM);
    }

    @Test
    void dryRunCanBeForcedWithCredentials() {
        AppConfig c = AppConfig.fromEnvironment(
                Map.of("APP_ID", "1", "PRIVATE_KEY", PEM, "WEBHOOK_SECRET", "s", "DRY_RUN", "true"));

        assertThat(c.dryRun()).isTrue();
        assertThat(c.developmentSecret()).isFalse();
    }

    @Test
    void liveModeWithoutCredentialsNamesWhatIsMissing() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("DRY_RUN", "false", "WEBHOOK_SECRET", "s")))
                .hasMessageContaining("APP_ID")
                .hasMessageContaining("PRIVATE_KEY");
    }

    @Test
    void badNumbersNameTheVariable() {
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("PORT", "eighty")))
                .hasMessageContaining("PORT");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("APP_ID", "x")))
                .hasMessageContaining("APP_ID");
    }

    @Test
    void databaseUrlSelectsPostgresAndRetentionDefaultsToThirtyDays() {
        AppConfig sqlite = AppConfig.fromEnvironment(Map.of());
        assertThat(sqlite.databaseUrl()).isNull();
        assertThat(sqlite.retentionDays()).isEqualTo(30);

        AppConfig postgres = AppConfig.fromEnvironment(
                Map.of("DATABASE_URL", "postgres://bot:s3cr3t-pw@db:5432/triage", "RETENTION_DAYS", "7"));
        assertThat(postgres.databaseUrl()).isEqualTo("postgres://bot:s3cr3t-pw@db:5432/triage");
        assertThat(postgres.retentionDays()).isEqualTo(7);
        assertThat(postgres.toString()).doesNotContain("s3cr3t-pw");
        assertThat(postgres.startupBanner()).doesNotContain("s3cr3t-pw").contains("postgresql");

        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("DATABASE_URL", "mysql://db/triage")))
                .hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("RETENTION_DAYS", "0")))
                .hasMessageContaining("RETENTION_DAYS");
    }
}
