package dev.aisectriage.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
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
 * @param dashboardPassword when set, {@code /dashboard} asks for it (HTTP basic auth); it names private repositories;
 *     without it the dashboard answers only on loopback
 * @param jobTimeoutSeconds a job still running after this long is interrupted and failed like any other error
 * @param redeliverySweepMinutes how often GitHub is asked for the App's failed deliveries the store never saw
 * @param hub the Hugging Face Hub side ({@code HF_*}); live with {@code HF_TOKEN}, dry-run otherwise
 * @param databaseUrl a PostgreSQL server shared by several instances ({@code DATABASE_URL}); null: SQLite at
 *     {@code databasePath}
 * @param retentionDays finished deliveries, jobs and raw payloads are deleted after this many days
 * @param githubCacheDir where GitHub's answers are kept so that repeated reads are revalidated (a 304 is not counted
 *     against the rate limit); null: no cache
 * @param host the address to listen on ({@code HOST}); null: the default of {@link #bindHost()}
 * @param advisoryReminderDays the dashboard lists privately reported vulnerabilities nobody acknowledged after this
 *     many days
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
        int jobTimeoutSeconds,
        int redeliverySweepMinutes,
        HubConfig hub,
        String databaseUrl,
        int retentionDays,
        Path githubCacheDir,
        String host,
        int advisoryReminderDays) {

    /** Used only in dry-run when WEBHOOK_SECRET is unset; {@code send-fixture} signs with it by default. */
    public static final String DEVELOPMENT_WEBHOOK_SECRET = "development-secret-dry-run-only";

    public static final int DEFAULT_PORT = 3000;
    public static final String DEFAULT_DATABASE_PATH = "./data/triage.db";
    public static final String DEFAULT_GITHUB_API_URL = "https://api.github.com";
    public static final int DEFAULT_JOB_TIMEOUT_SECONDS = 120;
    public static final int DEFAULT_REDELIVERY_SWEEP_MINUTES = 10;
    public static final int DEFAULT_RETENTION_DAYS = 30;
    public static final int DEFAULT_ADVISORY_REMINDER_DAYS = 7;

    /** Every variable {@link #fromEnvironment(Map)} reads, with what it does: {@code serve --help} lists them. */
    public static final List<String> VARIABLES = List.of(
            "APP_ID                    GitHub App id (without it and a key: dry-run; serve then offers /setup)",
            "PRIVATE_KEY               the App's private key, PEM (literal \\n accepted)",
            "PRIVATE_KEY_PATH          a PEM file, when PRIVATE_KEY is unset",
            "WEBHOOK_SECRET            the secret GitHub signs deliveries with (dry-run: a development secret)",
            "PORT                      HTTP port, 0-65535 (default 3000)",
            "HOST                      address to listen on (default 127.0.0.1 in dry-run with the development secret,"
                    + " else 0.0.0.0; the image sets 0.0.0.0)",
            "LOG_LEVEL                 trace, debug, info, warn, error, fatal or off (default info)",
            "DATABASE_PATH             SQLite file (default ./data/triage.db)",
            "DATABASE_URL              PostgreSQL shared by several instances: postgres://user:pass@host:5432/db",
            "RETENTION_DAYS            finished deliveries, jobs and payloads are deleted after this long (default 30)",
            "GITHUB_API_URL            http(s) URL of the REST API (default https://api.github.com)",
            "GITHUB_CACHE_DIR          GitHub answers kept to revalidate reads, at most 20 MiB (default: github-cache "
                    + "beside DATABASE_PATH)",
            "DRY_RUN                   true: log and store intended writes, send none (default: on without credentials)",
            "MODEL_DIR                 a model folder (model.onnx, tokenizer.json, heads.json.gz or config.json)",
            "WORKERS                   job workers (default 2)",
            "JOB_MAX_ATTEMPTS          a job failing this many times is dead-lettered (default 5)",
            "JOB_LEASE_SECONDS         a claimed job without heartbeat is taken over after this long (default 120)",
            "DASHBOARD_PASSWORD        /dashboard asks for it (basic auth); unset: dashboard on loopback only",
            "JOB_TIMEOUT_SECONDS       a job running longer is interrupted and failed (default 120)",
            "REDELIVERY_SWEEP_MINUTES  how often failed deliveries are asked again from GitHub (default 10)",
            "ADVISORY_REMINDER_DAYS    the dashboard lists private reports unacknowledged after this long (default 7)",
            "HF_TOKEN                  Hugging Face Hub token of the bot account (without it: the Hub in dry-run)",
            "HF_WEBHOOK_SECRET         the Hub webhook's secret (required with HF_TOKEN; dry-run: development secret)",
            "HF_API_URL                the Hub's root (default https://huggingface.co)",
            "HF_REPOS                  Hub owners or owner/name repositories to act on (default: all the webhook sends)",
            "HF_IGNORE                 Hub owners or owner/name repositories never acted on",
            "HF_PULL_REQUESTS          true: triage Hub pull-request discussions too (default false)");

    private static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error", "fatal", "off");

    public AppConfig {
        if (webhookSecret == null || webhookSecret.isEmpty()) {
            throw new ConfigException("WEBHOOK_SECRET is required");
        }
        if (!dryRun && (appId == null || privateKey == null)) {
            throw new ConfigException("APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH) are required unless DRY_RUN is on");
        }
        atLeastOne("WORKERS", workers);
        atLeastOne("JOB_MAX_ATTEMPTS", maxAttempts);
        atLeastOne("JOB_LEASE_SECONDS", leaseSeconds);
        atLeastOne("RETENTION_DAYS", retentionDays);
        atLeastOne("ADVISORY_REMINDER_DAYS", advisoryReminderDays);
        if (databaseUrl != null
                && !databaseUrl.startsWith("postgres://")
                && !databaseUrl.startsWith("postgresql://")
                && !databaseUrl.startsWith("jdbc:postgresql://")) {
            throw new ConfigException(
                    "DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql:// (SQLite: DATABASE_PATH)");
        }
        atLeastOne("JOB_TIMEOUT_SECONDS", jobTimeoutSeconds);
        if (port < 0 || port > 65535) {
            throw new ConfigException("PORT must be between 0 and 65535, got " + port + ": set PORT to a free port");
        }
        if (!LOG_LEVELS.contains(logLevel)) {
            throw new ConfigException(
                    "LOG_LEVEL must be one of " + String.join(", ", LOG_LEVELS) + ", got '" + logLevel + "'");
        }
        atLeastOne("REDELIVERY_SWEEP_MINUTES", redeliverySweepMinutes);
        checkApiUrl(githubApiUrl);
        if (hub == null) {
            hub = HubConfig.dryRunDefaults();
        }
    }

    public static AppConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads the configuration. Missing credentials mean dry-run; {@code DRY_RUN=false} with missing credentials, or
     * no {@code WEBHOOK_SECRET} outside dry-run, fails with a message naming the variable.
     */
    public static AppConfig fromEnvironment(Map<String, String> env) {
        return EnvironmentReader.read(env);
    }

    /**
     * The address the server listens on: {@code HOST} when set; otherwise loopback when anyone who can reach it
     * could forge deliveries (dry-run with the published development secret on both platforms), every interface
     * otherwise. Beyond loopback, an endpoint still on the development secret takes deliveries from loopback only.
     */
    public String bindHost() {
        if (host != null) {
            return host;
        }
        // A live Hub side must be reachable by the Hub, whatever GitHub's side runs with.
        return dryRun && developmentSecret && hub.dryRun() && hub.developmentSecret() ? "127.0.0.1" : "0.0.0.0";
    }

    /** How far {@link #bindHost()} reaches, for the start-up lines. */
    String bindScope() {
        String h = bindHost();
        if (h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]")) {
            return "all interfaces";
        }
        if (h.equals("localhost") || h.startsWith("127.") || h.equals("::1") || h.equals("[::1]")) {
            return host == null ? "loopback only: dry-run with the development secret" : "loopback only";
        }
        return "this address only";
    }

    /** True when the dashboard has no password: it then answers only on loopback. */
    public boolean dashboardLoopbackOnly() {
        return dashboardPassword == null || dashboardPassword.isBlank();
    }

    /** The lines printed at start-up; loud about dry-run and about the development secret. */
    public String startupBanner() {
        StringBuilder b = new StringBuilder();
        appendDryRunWarnings(b);
        appendOpenAccessWarnings(b);
        appendStartingLine(b);
        return b.toString();
    }

    private void appendDryRunWarnings(StringBuilder b) {
        if (dryRun) {
            b.append("*** DRY-RUN MODE: ")
                    .append(
                            appId == null || privateKey == null
                                    ? "no GitHub App credentials (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH)"
                                    : "DRY_RUN is on")
                    .append(". Every intended action is logged and stored; nothing is sent to GitHub. ***\n");
        }
        if (hub.dryRun()) {
            b.append("*** HUGGING FACE HUB DRY-RUN: ")
                    .append(hub.token() == null ? "no HF_TOKEN" : "DRY_RUN is on")
                    .append(". Every intended comment is logged and stored; nothing is sent to the Hub. ***\n");
        }
    }

    /** The development secrets and the dashboard without a password. */
    private void appendOpenAccessWarnings(StringBuilder b) {
        if (hub.developmentSecret()) {
            b.append(
                    "*** HF_WEBHOOK_SECRET is not set: POST /webhooks/huggingface takes the development secret. ***\n");
        }
        if (developmentSecret) {
            b.append("*** WEBHOOK_SECRET is not set: using the development secret '")
                    .append(DEVELOPMENT_WEBHOOK_SECRET)
                    .append("' (send-fixture uses it by default). Never expose this instance. ***\n");
            if (!bindScope().startsWith("loopback")) {
                b.append("*** so /webhooks/github takes deliveries only from this machine (127.0.0.1);"
                        + " set WEBHOOK_SECRET to take GitHub's. ***\n");
            }
        }
        if (dashboardLoopbackOnly()) {
            b.append("*** DASHBOARD_PASSWORD is not set: /dashboard answers only on loopback (127.0.0.1);"
                    + " set it to open the dashboard from elsewhere. ***\n");
        }
    }

    private void appendStartingLine(StringBuilder b) {
        b.append("starting: will listen on ")
                .append(bindHost())
                .append(" (")
                .append(bindScope())
                .append(") port=")
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
                .append(workers)
                .append(" huggingface=")
                .append(hub.apiUrl())
                .append(hub.dryRun() ? " (dry-run)" : " (live)");
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
                + ", jobTimeoutSeconds=" + jobTimeoutSeconds + ", redeliverySweepMinutes=" + redeliverySweepMinutes
                + ", hub=" + hub + ", databaseUrl=" + (databaseUrl == null ? "none" : "***")
                + ", retentionDays=" + retentionDays + ", host=" + host + ", advisoryReminderDays="
                + advisoryReminderDays + "]";
    }

    private static void atLeastOne(String name, int value) {
        if (value < 1) {
            throw new ConfigException(name + " must be at least 1, got " + value);
        }
    }

    private static void checkApiUrl(String url) {
        checkUrl("GITHUB_API_URL", url, "https://api.github.com or https://HOST/api/v3");
    }

    static void checkUrl(String name, String url, String example) {
        String hint = name + " must be an http(s) URL such as " + example + ", got '" + url + "'";
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new ConfigException(hint);
            }
        } catch (URISyntaxException e) {
            throw new ConfigException(hint);
        }
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
