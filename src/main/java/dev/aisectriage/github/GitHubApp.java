package dev.aisectriage.github;

import dev.aisectriage.core.ActionLog;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the gateway from the App's settings ({@code GITHUB_API_URL}, {@code APP_ID}, {@code PRIVATE_KEY}, {@code DRY_RUN}). */
public final class GitHubApp {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubApp.class);

    private GitHubApp() {}

    /**
     * @param apiUrl GitHub's REST root ({@code https://HOST/api/v3} on GitHub Enterprise Server); blank: github.com
     * @param appId the App's id, or null: then GitHub is neither read nor written (dry-run)
     * @param privateKey the App's PEM private key, or null (dry-run)
     * @param dryRun send no write even with credentials
     * @param cacheDir where GitHub's answers are kept to revalidate repeated reads, or null for none
     */
    public record Settings(String apiUrl, String appId, String privateKey, boolean dryRun, Path cacheDir) {}

    /**
     * The gateway the settings call for: dry-run without App id or key (nothing read nor written), reading but not
     * writing with {@code dryRun}, else live.
     *
     * @param actions the log of sent and intended writes (built on the shared serial writer, if there is one)
     * @param onClient given the client built (none without App id and key), to watch its counts
     */
    public static GitHubGateway gateway(Settings settings, ActionLog actions, Consumer<GitHubHttp> onClient) {
        String appId = settings.appId();
        String pem = settings.privateKey();
        if (appId == null || appId.isBlank() || pem == null || pem.isBlank()) {
            LOG.warn(
                    "no APP_ID or PRIVATE_KEY: GitHub is neither read nor written; intended actions are logged and stored");
            return new DryRunGitHubGateway(null, actions);
        }
        String apiUrl = settings.apiUrl();
        GitHubHttp http = new GitHubHttp(
                apiUrl == null || apiUrl.isBlank() ? "https://api.github.com" : apiUrl,
                RetryPolicy.defaults(),
                GitHubHttp.Sleeper.REAL,
                Clock.systemUTC(),
                settings.cacheDir() == null
                        ? null
                        : CacheDirectory.claim(settings.cacheDir()).orElse(null));
        onClient.accept(http);
        AppJwt jwt = new AppJwt(appId.trim(), PrivateKeys.parse(pem), Clock.systemUTC());
        InstallationTokens tokens = new InstallationTokens(http, jwt, Clock.systemUTC());
        if (settings.dryRun()) {
            LOG.warn("DRY_RUN: GitHub is read but not written; intended actions are logged and stored");
        }
        return onTokens(http, tokens, actions, settings.dryRun());
    }

    /** The gateway on these tokens (null: no credentials, nothing read); in dry-run it reads and only records writes. */
    public static GitHubGateway onTokens(
            GitHubHttp http, InstallationTokens tokens, ActionLog actions, boolean dryRun) {
        if (tokens == null) {
            return new DryRunGitHubGateway(null, actions);
        }
        ApiGitHubGateway api = new ApiGitHubGateway(http, tokens, actions);
        return dryRun ? new DryRunGitHubGateway(api, actions) : api;
    }
}
