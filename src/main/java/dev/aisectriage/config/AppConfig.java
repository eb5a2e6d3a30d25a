package dev.aisectriage.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the service reads from the environment, read once at start-up. Names follow Probot's where one exists.
 *
 * @param appId GitHub App id, or null in dry-run without credentials
 * @param privateKey the App's private key as PEM text, or null in dry-run without credentials
 * @param webhookSecret the secret GitHub signs deliveries with (the development secret in dry-run without one)
 * @param developmentSecret true when {@code webhookSecret} is {@link #DEVELOPMENT_WEBHOOK_SECRET}
 * @param modelDir a bring-your-own model folder, or null for the bundled model
 * @param workers size of the job worker pool
 * @param maxAttempts a job that failed this many times is dead-lettered
 * @param leaseSeconds how long a claimed job stays claimed without a heartbeat before another worker may take it
 * @param dashboardPassword when set, {@code /dashboard} asks for it (HTTP basic auth); it names private repositories
 * @param databaseUrl a PostgreSQL server shared by several instances ({@code DATABASE_URL}); null: SQLite at
 *     {@code databasePath}
 * @param retentionDays finished deliveries, jobs and raw payloads are deleted after this many days
 */
public record AppConfig(
        Long appId,
        String privateKey,
        String webhookSecret,
        boolean developmentSecret,
        int port,
        String logLevel,
        Path databasePath,
        String githubApiUrl,
        boolean dryRun,
        Path modelDir,
        int workers,
        int maxAttempts,
        int leaseSeconds,
        String dashboardPassword,
        String databaseUrl,
        int retentionDays) {

    /** Used only in dry-run when WEBHOOK_SECRET is unset; {@code send-fixture} signs with it by default. */
    public static final String DEVELOPMENT_WEBHOOK_SECRET = "development-secret-dry-run-only";

    public static final int DEFAULT_PORT = 3000;
    public static final int DEFAULT_RETENTION_DAYS = 30;
    public static final String DEFAULT_DATABASE_PATH = "./data/triage.db";
    public static final String DEFAULT_GITHUB_API_URL = "https://api.github.com";

    public AppConfig {
        if (webhookSecret == null || webhookSecret.isEmpty()) {
            throw new ConfigException("WEBHOOK_SECRET is required");
        }
        if (!dryRun && (appId == null || privateKey == null)) {
            throw new ConfigException("APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are required unless DRY_RUN is on");
        }
        if (workers < 1) {
            throw new ConfigException("WORKERS must be at least 1, got " + workers);
        }
        if (maxAttempts < 1) {
            throw new ConfigException("JOB_MAX_ATTEMPTS must be at least 1, got " + maxAttempts);
        }
        if (retentionDays < 1) {
            throw new ConfigException("RETENTION_DAYS must be at least 1, got " + retentionDays);
        }
        if (databaseUrl != null
                && !databaseUrl.startsWith("postgres://")
                && !databaseUrl.startsWith("postgresql://")
                && !databaseUrl.startsWith("jdbc:postgresql://")) {
            throw new ConfigException(
                    "DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql:// (SQLite: DATABASE_PATH)");
        }
        if (leaseSeconds < 1) {
            throw new ConfigException("JOB_LEASE_SECONDS must be at least 1, got " + leaseSeconds);
        }
    }

    /** SQLite at {@code databasePath}, retention 30 days. */
    public AppConfig(
            Long appId,
            String privateKey,
            String webhookSecret,
            boolean developmentSecret,
            int port,
            String logLevel,
            Path databasePath,
            String githubApiUrl,
            boolean dryRun,
            Path modelDir,
            int workers,
            int maxAttempts,
            int leaseSeconds,
            String dashboardPassword) {
        this(
                appId,
                privateKey,
                webhookSecret,
                developmentSecret,
                port,
                logLevel,
                databasePath,
                githubApiUrl,
                dryRun,
                modelDir,
                workers,
                maxAttempts,
                leaseSeconds,
                dashboardPassword,
                null,
                DEFAULT_RETENTION_DAYS);
    }

    public static AppConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads the configuration. Missing credentials mean dry-run; {@code DRY_RUN=false} with missing credentials, or
     * no {@code WEBHOOK_SECRET} outside dry-run, fails with a message naming the variable.
     */
    public static AppConfig fromEnvironment(Map<String, String> env) {
        String appIdText = value(env, "APP_ID");
        Long appId = null;
        if (appIdText != null) {
            try {
                appId = Long.parseLong(appIdText);
            } catch (NumberFormatException e) {
                throw new ConfigException("APP_ID must be a number, got '" + appIdText + "'");
            }
        }
        String privateKey = privateKey(env);
        boolean credentials = appId != null && privateKey != null;

        String dryRunText = value(env, "DRY_RUN");
        boolean dryRun;
        if (dryRunText == null) {
            dryRun = !credentials;
        } else {
            dryRun = bool("DRY_RUN", dryRunText);
            if (!dryRun && !credentials) {
                throw new ConfigException("DRY_RUN=false needs APP_ID and PRIVATE_KEY or PRIVATE_KEY_PATH; missing: "
                        + (appId == null ? "APP_ID " : "") + (privateKey == null ? "PRIVATE_KEY" : "").trim());
            }
        }

        String secret = value(env, "WEBHOOK_SECRET");
        boolean developmentSecret = false;
        if (secret == null) {
            if (!dryRun) {
                throw new ConfigException("WEBHOOK_SECRET is required when not in dry-run mode");
            }
            secret = DEVELOPMENT_WEBHOOK_SECRET;
            developmentSecret = true;
        }

        String modelDir = value(env, "MODEL_DIR");
        return new AppConfig(
                appId,
                privateKey,
                secret,
                developmentSecret,
                integer(env, "PORT", DEFAULT_PORT),
                orDefault(value(env, "LOG_LEVEL"), "info").toLowerCase(Locale.ROOT),
                Path.of(orDefault(value(env, "DATABASE_PATH"), DEFAULT_DATABASE_PATH)),
                stripTrailingSlash(orDefault(value(env, "GITHUB_API_URL"), DEFAULT_GITHUB_API_URL)),
                dryRun,
                modelDir == null ? null : Path.of(modelDir),
                integer(env, "WORKERS", 2),
                integer(env, "JOB_MAX_ATTEMPTS", 5),
                integer(env, "JOB_LEASE_SECONDS", 120),
                value(env, "DASHBOARD_PASSWORD"),
                value(env, "DATABASE_URL"),
                integer(env, "RETENTION_DAYS", DEFAULT_RETENTION_DAYS));
    }

    /** The lines printed at start-up; loud about dry-run and about the development secret. */
    public String startupBanner() {
        StringBuilder b = new StringBuilder();
        if (dryRun) {
            b.append("*** DRY-RUN MODE: ")
                    .append(
                            appId == null || privateKey == null
                                    ? "no GitHub App credentials (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH)"
                                    : "DRY_RUN is on")
                    .append(". Every intended action is logged and stored; nothing is sent to GitHub. ***\n");
        }
        if (developmentSecret) {
            b.append("*** WEBHOOK_SECRET is not set: using the development secret '")
                    .append(DEVELOPMENT_WEBHOOK_SECRET)
                    .append("' (send-fixture uses it by default). Never expose this instance. ***\n");
        }
        b.append("port=")
                .append(port)
                .append(" database=")
                .append(databaseUrl == null ? databasePath : "postgresql (DATABASE_URL)")
                .append(" github=")
                .append(githubApiUrl)
                .append(" app_id=")
                .append(appId == null ? "-" : appId)
                .append(" model_dir=")
                .append(modelDir == null ? "bundled" : modelDir)
                .append(" workers=")
                .append(workers);
        return b.toString();
    }

    /** Keeps the key out of logs and exception messages. */
    @Override
    public String toString() {
        return "AppConfig[appId=" + appId + ", privateKey=" + (privateKey == null ? "none" : "***")
                + ", webhookSecret=***, developmentSecret=" + developmentSecret + ", port=" + port
                + ", logLevel=" + logLevel + ", databasePath=" + databasePath + ", githubApiUrl=" + githubApiUrl
                + ", dryRun=" + dryRun + ", modelDir=" + modelDir + ", workers=" + workers
                + ", maxAttempts=" + maxAttempts + ", leaseSeconds=" + leaseSeconds
                + ", dashboardPassword=" + (dashboardPassword == null ? "none" : "***")
                + ", databaseUrl=" + (databaseUrl == null ? "none" : "***") + ", retentionDays=" + retentionDays + "]";
    }

    private static String privateKey(Map<String, String> env) {
        String inline = value(env, "PRIVATE_KEY");
        if (inline != null) {
            // Probot accepts the PEM on one line with literal \n, as most secret stores keep it.
            return inline.replace("\\n", "\n");
        }
        String path = value(env, "PRIVATE_KEY_PATH");
        if (path == null) {
            return null;
        }
        try {
            return Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("PRIVATE_KEY_PATH: cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String v = value(env, name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a whole number, got '" + v + "'");
        }
    }

    private static boolean bool(String name, String v) {
        switch (v.toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes", "on" -> {
                return true;
            }
            case "0", "false", "no", "off" -> {
                return false;
            }
            default -> throw new ConfigException(name + " must be true or false, got '" + v + "'");
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** A configuration problem; the message names the variable. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }

        public ConfigException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
