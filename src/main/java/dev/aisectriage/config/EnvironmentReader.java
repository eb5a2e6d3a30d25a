package dev.aisectriage.config;

import dev.aisectriage.config.AppConfig.ConfigException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns the environment's variables into an {@link AppConfig}, naming the variable in every error. */
final class EnvironmentReader {

    private EnvironmentReader() {}

    /**
     * Reads the configuration. Missing credentials mean dry-run; {@code DRY_RUN=false} with missing credentials, or
     * no {@code WEBHOOK_SECRET} outside dry-run, fails with a message naming the variable.
     */
    static AppConfig read(Map<String, String> env) {
        Long appId = appId(env);
        String privateKey = privateKey(env);
        String hfToken = value(env, "HF_TOKEN");
        Modes modes = modes(env, appId, privateKey, hfToken);
        WebhookSecret webhookSecret = webhookSecret(env, modes.dryRun());
        String modelDir = value(env, "MODEL_DIR");
        Path databasePath = Path.of(orDefault(value(env, "DATABASE_PATH"), AppConfig.DEFAULT_DATABASE_PATH));
        return new AppConfig(
                appId,
                privateKey,
                webhookSecret.secret(),
                webhookSecret.development(),
                integer(env, "PORT", AppConfig.DEFAULT_PORT),
                orDefault(value(env, "LOG_LEVEL"), "info").toLowerCase(Locale.ROOT),
                databasePath,
                stripTrailingSlash(orDefault(value(env, "GITHUB_API_URL"), AppConfig.DEFAULT_GITHUB_API_URL)),
                modes.dryRun(),
                modelDir == null ? null : Path.of(modelDir),
                integer(env, "WORKERS", 2),
                integer(env, "JOB_MAX_ATTEMPTS", 5),
                integer(env, "JOB_LEASE_SECONDS", 120),
                dashboardPassword(env),
                integer(env, "JOB_TIMEOUT_SECONDS", AppConfig.DEFAULT_JOB_TIMEOUT_SECONDS),
                integer(env, "REDELIVERY_SWEEP_MINUTES", AppConfig.DEFAULT_REDELIVERY_SWEEP_MINUTES),
                hub(env, hfToken, modes.hubDryRun()),
                value(env, "DATABASE_URL"),
                integer(env, "RETENTION_DAYS", AppConfig.DEFAULT_RETENTION_DAYS),
                githubCacheDir(env, databasePath),
                host(env),
                integer(env, "ADVISORY_REMINDER_DAYS", AppConfig.DEFAULT_ADVISORY_REMINDER_DAYS));
    }

    /** Whether each platform runs in dry-run. */
    private record Modes(boolean dryRun, boolean hubDryRun) {}

    /** The webhook secret, and whether it is the published development one. */
    private record WebhookSecret(String secret, boolean development) {}

    private static Long appId(Map<String, String> env) {
        String appIdText = value(env, "APP_ID");
        if (appIdText == null) {
            return null;
        }
        try {
            return Long.parseLong(appIdText);
        } catch (NumberFormatException e) {
            throw new ConfigException("APP_ID must be a number, got '" + appIdText + "'");
        }
    }

    /**
     * Each platform is live when its credentials are given; DRY_RUN=true holds both back, and DRY_RUN=false is an
     * error only when no platform could run live.
     */
    private static Modes modes(Map<String, String> env, Long appId, String privateKey, String hfToken) {
        if (appId != null && privateKey == null) {
            throw new ConfigException("APP_ID is set but PRIVATE_KEY (or PRIVATE_KEY_PATH) is missing: give the App's"
                    + " private key too, or unset APP_ID for dry-run");
        }
        if (appId == null && privateKey != null) {
            throw new ConfigException("PRIVATE_KEY (or PRIVATE_KEY_PATH) is set but APP_ID is missing: give the App's"
                    + " id too, or unset the key for dry-run");
        }
        boolean credentials = appId != null;
        String dryRunText = value(env, "DRY_RUN");
        if (dryRunText == null) {
            return new Modes(!credentials, hfToken == null);
        }
        if (bool("DRY_RUN", dryRunText)) {
            return new Modes(true, true);
        }
        if (!credentials && hfToken == null) {
            throw new ConfigException("DRY_RUN=false needs APP_ID and PRIVATE_KEY or PRIVATE_KEY_PATH (GitHub), "
                    + "or HF_TOKEN (Hugging Face Hub); missing: "
                    + (appId == null ? "APP_ID " : "") + (privateKey == null ? "PRIVATE_KEY " : "") + "HF_TOKEN");
        }
        return new Modes(!credentials, hfToken == null);
    }

    private static WebhookSecret webhookSecret(Map<String, String> env, boolean dryRun) {
        String secret = value(env, "WEBHOOK_SECRET");
        if (secret != null) {
            return new WebhookSecret(secret, false);
        }
        if (!dryRun) {
            throw new ConfigException("WEBHOOK_SECRET is required when not in dry-run mode");
        }
        return new WebhookSecret(AppConfig.DEVELOPMENT_WEBHOOK_SECRET, true);
    }

    /**
     * {@code DASHBOARD_PASSWORD}: unset or empty means no password; a value of only spaces is a mistake (a password
     * nobody can type, or a template left half filled), never silently no password.
     */
    private static String dashboardPassword(Map<String, String> env) {
        String raw = env.get("DASHBOARD_PASSWORD");
        if (raw != null && !raw.isEmpty() && raw.isBlank()) {
            throw new ConfigException("DASHBOARD_PASSWORD is only spaces: set a password, or leave it empty for none"
                    + " (the dashboard then answers on loopback only)");
        }
        return value(env, "DASHBOARD_PASSWORD");
    }

    /** {@code HOST}: an address literal or a name this machine resolves (no other lookup happens at start). */
    private static String host(Map<String, String> env) {
        String host = value(env, "HOST");
        if (host == null) {
            return null;
        }
        try {
            InetAddress.getByName(host);
        } catch (UnknownHostException | SecurityException e) {
            throw new ConfigException(
                    "HOST must be an address to listen on, such as 127.0.0.1 or 0.0.0.0, got '" + host + "'");
        }
        return host;
    }

    /** {@code GITHUB_CACHE_DIR}, or {@code github-cache} in the folder of the SQLite file. */
    private static Path githubCacheDir(Map<String, String> env, Path databasePath) {
        String dir = value(env, "GITHUB_CACHE_DIR");
        if (dir != null) {
            return Path.of(dir);
        }
        Path parent = databasePath.toAbsolutePath().getParent();
        return parent == null ? Path.of("github-cache") : parent.resolve("github-cache");
    }

    private static HubConfig hub(Map<String, String> env, String token, boolean dryRun) {
        String secret = value(env, "HF_WEBHOOK_SECRET");
        boolean developmentSecret = false;
        if (secret == null) {
            if (!dryRun) {
                throw new ConfigException("HF_WEBHOOK_SECRET is required when HF_TOKEN is set (the Hub is live)");
            }
            secret = AppConfig.DEVELOPMENT_WEBHOOK_SECRET;
            developmentSecret = true;
        }
        String apiUrl = stripTrailingSlash(orDefault(value(env, "HF_API_URL"), HubConfig.DEFAULT_API_URL));
        AppConfig.checkUrl("HF_API_URL", apiUrl, "https://huggingface.co");
        String pullRequests = value(env, "HF_PULL_REQUESTS");
        return new HubConfig(
                secret,
                developmentSecret,
                token,
                apiUrl,
                dryRun,
                list(env, "HF_REPOS"),
                list(env, "HF_IGNORE"),
                pullRequests != null && bool("HF_PULL_REQUESTS", pullRequests));
    }

    private static List<String> list(Map<String, String> env, String name) {
        String v = value(env, name);
        return v == null ? List.of() : Arrays.asList(v.split("[,\\s]+"));
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
}
