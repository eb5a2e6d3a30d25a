package dev.aisectriage.github;

import java.time.Instant;
import org.kohsuke.github.GHAppInstallationToken;
import org.kohsuke.github.GitHub;

/**
 * hub4j as the App itself, on its JWT: installation tokens and the App's slug. The installation is bound from a
 * payload naming only its id ({@link GitHubObjects#installation}), so a token costs its one {@code POST}, without
 * {@code getApp()} and {@code getInstallationById()} first.
 */
final class AppClient {

    private final GitHub client;

    AppClient(GitHubHttp http, AppJwt jwt) {
        this.client = GitHubObjects.client(http, send -> send.apply("Bearer " + jwt.create()), new CommentAuthors());
    }

    /** {@code POST /app/installations/{id}/access_tokens}. */
    Token createToken(long installationId) {
        GHAppInstallationToken answer = GitHubObjects.run(() ->
                GitHubObjects.installation(client, installationId).createToken().create());
        if (answer.getToken() == null || answer.getExpiresAt() == null) {
            throw new GitHubApiException(
                    "the access token answer of installation " + installationId + " has no token or expires_at",
                    200,
                    true,
                    null,
                    null);
        }
        return new Token(answer.getToken(), answer.getExpiresAt());
    }

    /** {@code GET /app}: the App's slug, which names its bot user {@code slug[bot]}. */
    String slug() {
        return GitHubObjects.run(() -> client.getApp().getSlug());
    }

    /** An installation access token and the moment GitHub stops taking it. */
    record Token(String value, Instant expiresAt) {}
}
