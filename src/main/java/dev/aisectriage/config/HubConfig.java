package dev.aisectriage.config;

import java.util.List;
import java.util.Locale;

/**
 * The Hugging Face Hub side of the configuration ({@code HF_*} variables), read with {@link AppConfig}.
 *
 * @param webhookSecret the secret the Hub sends in {@code X-Webhook-Secret} (the development secret in dry-run
 *     without one)
 * @param developmentSecret true when {@code webhookSecret} is {@link AppConfig#DEVELOPMENT_WEBHOOK_SECRET}
 * @param token the bot account's access token ({@code HF_TOKEN}), or null: then the Hub is neither read nor written
 * @param apiUrl the Hub's root, {@code https://huggingface.co} unless {@code HF_API_URL} says otherwise; every URL
 *     the token is sent to is built from it, never from a payload
 * @param dryRun true when nothing is written to the Hub (no token, or {@code DRY_RUN=true})
 * @param repos {@code HF_REPOS}: owners ({@code org}) or repositories ({@code org/name}) to act on; empty means all
 *     the webhook sends
 * @param ignore {@code HF_IGNORE}: owners or repositories never acted on; wins over {@code repos}
 * @param pullRequests {@code HF_PULL_REQUESTS}: whether pull-request discussions are triaged too (off by default)
 */
public record HubConfig(
        String webhookSecret,
        boolean developmentSecret,
        String token,
        String apiUrl,
        boolean dryRun,
        List<String> repos,
        List<String> ignore,
        boolean pullRequests) {

    public static final String DEFAULT_API_URL = "https://huggingface.co";

    public HubConfig {
        if (webhookSecret == null || webhookSecret.isEmpty()) {
            throw new AppConfig.ConfigException("HF_WEBHOOK_SECRET is required");
        }
        if (!dryRun && token == null) {
            throw new AppConfig.ConfigException("HF_TOKEN is required unless the Hub runs in dry-run");
        }
        repos = normalise(repos);
        ignore = normalise(ignore);
    }

    /** Dry-run on the Hub with the development secret: what a service configured for GitHub only gets. */
    public static HubConfig dryRunDefaults() {
        return new HubConfig(
                AppConfig.DEVELOPMENT_WEBHOOK_SECRET, true, null, DEFAULT_API_URL, true, List.of(), List.of(), false);
    }

    /**
     * Whether the bot acts on a repository ({@code owner/name}, any type): not ignored (by owner or by name), and
     * listed in {@code repos} (by owner or by name) when that list is not empty. Names compare case-insensitively.
     */
    public boolean actsOn(String repoName) {
        String name = repoName.toLowerCase(Locale.ROOT);
        String owner = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
        if (ignore.contains(name) || ignore.contains(owner)) {
            return false;
        }
        return repos.isEmpty() || repos.contains(name) || repos.contains(owner);
    }

    /** Keeps the token out of logs. */
    @Override
    public String toString() {
        return "HubConfig[webhookSecret=***, developmentSecret=" + developmentSecret + ", token="
                + (token == null ? "none" : "***") + ", apiUrl=" + apiUrl + ", dryRun=" + dryRun + ", repos=" + repos
                + ", ignore=" + ignore + ", pullRequests=" + pullRequests + "]";
    }

    private static List<String> normalise(List<String> names) {
        return names == null
                ? List.of()
                : names.stream()
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(s -> s.toLowerCase(Locale.ROOT))
                        .toList();
    }
}
