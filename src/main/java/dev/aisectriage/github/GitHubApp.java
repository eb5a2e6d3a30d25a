package dev.aisectriage.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the gateway from the App's settings ({@code GITHUB_API_URL}, {@code APP_ID}, {@code PRIVATE_KEY[_PATH]}, {@code DRY_RUN}). */
public final class GitHubApp {

    private static final Logger LOG = LoggerFactory.getLogger(GitHubApp.class);

    private GitHubApp() {}

    /**
     * @param privateKey     the PEM text (literal {@code \n} allowed), or null
     * @param privateKeyPath a PEM file, used when {@code privateKey} is null; may be null
     * @param dryRun         send no write; forced on when App ID or key is missing
     * @param actions        the store of sent and intended writes (built on the shared serial writer, if there is one)
     */
    public static GitHubGateway gateway(
            String apiUrl, String appId, String privateKey, Path privateKeyPath, boolean dryRun, ActionLog actions) {
        return gateway(apiUrl, appId, privateKey, privateKeyPath, dryRun, null, actions, http -> {});
    }

    /**
     * As above, keeping GitHub's answers in {@code cacheDir} (null: none) to revalidate repeated reads, and handing
     * {@code onClient} the client it builds (none without App ID and key), to watch its counts.
     */
    public static GitHubGateway gateway(
            String apiUrl,
            String appId,
            String privateKey,
            Path privateKeyPath,
            boolean dryRun,
            Path cacheDir,
            ActionLog actions,
            Consumer<GitHubHttp> onClient) {
        String pem = privateKey;
        if ((pem == null || pem.isBlank()) && privateKeyPath != null) {
            try {
                pem = Files.readString(privateKeyPath);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read PRIVATE_KEY_PATH " + privateKeyPath, e);
            }
        }
        if (appId == null || appId.isBlank() || pem == null || pem.isBlank()) {
            LOG.warn(
                    "no APP_ID or PRIVATE_KEY: GitHub is neither read nor written; intended actions are logged and stored");
            return new DryRunGitHubGateway(null, actions);
        }
        GitHubHttp http = new GitHubHttp(
                apiUrl == null || apiUrl.isBlank() ? "https://api.github.com" : apiUrl,
                RetryPolicy.defaults(),
                GitHubHttp.Sleeper.REAL,
                Clock.systemUTC(),
                cacheDir == null ? null : CacheDirectory.claim(cacheDir).orElse(null));
        onClient.accept(http);
        AppJwt jwt = new AppJwt(appId.trim(), PrivateKeys.parse(pem), Clock.systemUTC());
        InstallationTokens tokens = new InstallationTokens(http, jwt, Clock.systemUTC());
        if (dryRun) {
            LOG.warn("DRY_RUN: GitHub is read but not written; intended actions are logged and stored");
        }
        return gateway(http, tokens, actions, dryRun);
    }

    /** The gateway on these tokens; in dry-run it reads GitHub and only records its writes. */
    public static GitHubGateway gateway(GitHubHttp http, InstallationTokens tokens, ActionLog actions, boolean dryRun) {
        if (tokens == null) {
            return new DryRunGitHubGateway(null, actions);
        }
        ApiGitHubGateway api = new ApiGitHubGateway(http, tokens, actions);
        return dryRun ? new DryRunGitHubGateway(api, actions) : api;
    }
}
