package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Installation access tokens, exchanged for the App's JWT and cached per installation until about five minutes
 * before they expire (they live one hour).
 */
public final class InstallationTokens {

    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final GitHubHttp http;
    private final AppJwt jwt;
    private final Clock clock;
    private final Map<Long, Token> cache = new ConcurrentHashMap<>();
    private volatile String botLogin;

    public InstallationTokens(GitHubHttp http, AppJwt jwt, Clock clock) {
        this.http = http;
        this.jwt = jwt;
        this.clock = clock;
    }

    /** A valid token for the installation, from the cache or freshly exchanged. */
    public String tokenFor(long installationId) {
        Token cached = cache.get(installationId);
        if (cached != null && clock.instant().isBefore(cached.expiresAt().minus(RENEW_BEFORE_EXPIRY))) {
            return cached.value();
        }
        return cache.compute(installationId, (id, current) -> {
                    if (current != null
                            && clock.instant().isBefore(current.expiresAt().minus(RENEW_BEFORE_EXPIRY))) {
                        return current;
                    }
                    JsonNode answer = http.send(
                                    "POST",
                                    "/app/installations/" + id + "/access_tokens",
                                    null,
                                    "Bearer " + jwt.create())
                            .json();
                    if (!answer.hasNonNull("token") || !answer.hasNonNull("expires_at")) {
                        throw new GitHubApiException(
                                "the access token answer of installation " + id + " has no token or expires_at",
                                200,
                                true,
                                null,
                                null);
                    }
                    return new Token(
                            answer.get("token").asText(),
                            Instant.parse(answer.get("expires_at").asText()));
                })
                .value();
    }

    /** The id of the App's installation on a repository (asked as the App itself). */
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
            JsonNode app =
                    http.send("GET", "/app", null, "Bearer " + jwt.create()).json();
            login = app.path("slug").asText() + "[bot]";
            botLogin = login;
        }
        return login;
    }

    /** Drops a token GitHub refused (revoked, or the installation's permissions changed). */
    public void forget(long installationId) {
        cache.remove(installationId);
    }

    private record Token(String value, Instant expiresAt) {}
}
