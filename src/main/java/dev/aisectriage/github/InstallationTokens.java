package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Installation access tokens, exchanged for the App's JWT through hub4j ({@link AppClient}) and cached per
 * installation until about five minutes before they expire (they live one hour).
 */
public final class InstallationTokens {

    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final GitHubHttp http;
    private final AppJwt jwt;
    private final AppClient app;
    private final Clock clock;
    private final Map<Long, AppClient.Token> cache = new ConcurrentHashMap<>();
    private volatile String botLogin;

    public InstallationTokens(GitHubHttp http, AppJwt jwt, Clock clock) {
        this.http = http;
        this.jwt = jwt;
        this.app = new AppClient(http, jwt);
        this.clock = clock;
    }

    /** A valid token for the installation, from the cache or freshly exchanged. */
    public String tokenFor(long installationId) {
        AppClient.Token cached = cache.get(installationId);
        if (cached != null && clock.instant().isBefore(cached.expiresAt().minus(RENEW_BEFORE_EXPIRY))) {
            return cached.value();
        }
        return cache.compute(installationId, (id, current) -> {
                    if (current != null
                            && clock.instant().isBefore(current.expiresAt().minus(RENEW_BEFORE_EXPIRY))) {
                        return current;
                    }
                    return app.createToken(id);
                })
                .value();
    }

    /**
     * The id of the App's installation on a repository (asked as the App itself). Not through hub4j: its
     * {@code getInstallationByRepository} hangs on a {@code GHApp}, which costs a {@code GET /app} first.
     */
    public long installationIdOf(String repository) {
        JsonNode answer = http.send("GET", "/repos/" + repository + "/installation", null, "Bearer " + jwt.create())
                .json();
        if (!answer.hasNonNull("id")) {
            throw new GitHubApiException("the App is not installed on " + repository, 404, true, null, null);
        }
        return answer.get("id").asLong();
    }

    public String appId() {
        return jwt.appId();
    }

    /** The login of the App's bot user ({@code slug[bot]}), asked of GitHub once as the App itself. */
    public String botLogin() {
        String login = botLogin;
        if (login == null) {
            login = app.slug() + "[bot]";
            botLogin = login;
        }
        return login;
    }

    /** Drops a token GitHub refused (revoked, or the installation's permissions changed). */
    public void forget(long installationId) {
        cache.remove(installationId);
    }
}
