package dev.aisectriage.support;

import dev.aisectriage.config.AppConfig;
import java.nio.file.Path;
import java.util.Map;

/** An AppConfig for a service on a free port with its database in a temp folder. */
public final class TestConfig {

    public static final String SECRET = "test-secret";

    private TestConfig() {}

    public static AppConfig dryRun(Path dir) {
        return new AppConfig(
                null,
                null,
                SECRET,
                false,
                0,
                "info",
                dir.resolve("triage.db"),
                "http://127.0.0.1:1",
                true,
                null,
                2,
                3,
                60,
                null,
                AppConfig.DEFAULT_JOB_TIMEOUT_SECONDS,
                AppConfig.DEFAULT_REDELIVERY_SWEEP_MINUTES,
                null,
                null,
                AppConfig.DEFAULT_RETENTION_DAYS,
                null,
                null,
                AppConfig.DEFAULT_ADVISORY_REMINDER_DAYS);
    }

    /** The configuration {@code serve} reads with only a store in {@code dir} and a free port: dry-run, no secret. */
    public static AppConfig withoutCredentials(Path dir) {
        return AppConfig.fromEnvironment(
                Map.of("DATABASE_PATH", dir.resolve("triage.db").toString(), "PORT", "0"));
    }

    /**
     * The configuration {@code serve} reads for a live App (not dry-run) on a free port, talking to {@code apiUrl}
     * (a fake GitHub), as environment variables would give it.
     */
    public static AppConfig live(String appId, String pem, String secret, Path database, String apiUrl) {
        return AppConfig.fromEnvironment(Map.of(
                "APP_ID",
                appId,
                "PRIVATE_KEY",
                pem.replace("\n", "\\n"),
                "WEBHOOK_SECRET",
                secret,
                "PORT",
                "0",
                "DATABASE_PATH",
                database.toString(),
                "GITHUB_API_URL",
                apiUrl,
                "DRY_RUN",
                "false"));
    }
}
