package dev.aisectriage.github;

import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.connector.GitHubConnectorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * hub4j's rate-limit and abuse-limit handlers: never sleep, but throw a {@link GitHubApiException} carrying the
 * moment the limit lifts ({@code retry-after}, or {@code x-ratelimit-reset} counted against the server's
 * {@code Date}, see {@link RateLimitHeaders}); {@link InstallationCalls} holds the installation back until then and
 * the job queue puts the job back for that time.
 */
final class LimitHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(LimitHandlers.class);

    private LimitHandlers() {}

    static GitHubRateLimitHandler rateLimit(GitHubHttp http) {
        return new GitHubRateLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) {
                throw limited(http, response);
            }
        };
    }

    static GitHubAbuseLimitHandler abuseLimit(GitHubHttp http) {
        return new GitHubAbuseLimitHandler() {
            @Override
            public void onError(GitHubConnectorResponse response) {
                throw limited(http, response);
            }
        };
    }

    private static GitHubApiException limited(GitHubHttp http, GitHubConnectorResponse response) {
        GitHubResponse answer = ((HttpConnector.Answer) response).answer();
        String what =
                response.request().method() + " " + response.request().url().getPath();
        return http.rateLimitLifts(answer.status(), answer.headers(), answer.body())
                .map(lifts -> {
                    LOG.warn("{}: rate limited until {}", what, lifts);
                    return new GitHubApiException(
                            "rate limited: " + what + " answered " + answer.status(),
                            answer.status(),
                            false,
                            lifts,
                            null);
                })
                .orElseGet(() -> new GitHubApiException(
                        what + " answered " + answer.status() + ": " + answer.body(),
                        answer.status(),
                        true,
                        null,
                        null));
    }
}
