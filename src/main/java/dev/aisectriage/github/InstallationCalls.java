package dev.aisectriage.github;

import java.util.function.Function;

/**
 * A call on an installation's token, REST or GraphQL alike: nothing is sent while the installation is rate
 * limited, a refused token (revoked, or the permissions changed) is exchanged again once, and a rate limit met
 * holds the whole installation back until it lifts.
 */
final class InstallationCalls {

    private final InstallationTokens tokens;
    private final InstallationLimits limits;

    InstallationCalls(InstallationTokens tokens, InstallationLimits limits) {
        this.tokens = tokens;
        this.limits = limits;
    }

    /** @param send sends the request with the given {@code Authorization} header value */
    GitHubResponse send(long installationId, Function<String, GitHubResponse> send) {
        limits.check(installationId);
        try {
            try {
                return send.apply("Bearer " + tokens.tokenFor(installationId));
            } catch (GitHubApiException e) {
                if (e.status() != 401) {
                    throw e;
                }
                tokens.forget(installationId);
                return send.apply("Bearer " + tokens.tokenFor(installationId));
            }
        } catch (RateLimitedException e) {
            throw e;
        } catch (GitHubApiException e) {
            if (e.retryAt() == null) {
                throw e;
            }
            throw limits.limited(installationId, e);
        }
    }

    /** Records a rate limit reported inside an answer (GraphQL's {@code RATE_LIMITED}). */
    RateLimitedException limited(long installationId, GitHubApiException e) {
        return limits.limited(installationId, e);
    }
}
