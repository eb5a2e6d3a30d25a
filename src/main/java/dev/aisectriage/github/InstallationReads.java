package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code GET} on an installation's token whose final refusal is an answer the caller turns into an outcome (a 404
 * meaning "none", a 403 meaning "may not"), while anything another try may cure (a 5xx, a time-out, a rate limit) is
 * thrown for the job queue.
 */
final class InstallationReads {

    /** GitHub's JSON, or the final refusal it gave instead. */
    record Read(JsonNode json, GitHubApiException refusal) {

        boolean refused() {
            return refusal != null;
        }
    }

    private final GitHubHttp http;
    private final InstallationCalls calls;

    InstallationReads(GitHubHttp http, InstallationCalls calls) {
        this.http = http;
        this.calls = calls;
    }

    Read get(long installationId, String path) {
        try {
            return new Read(
                    calls.send(installationId, auth -> http.send("GET", path, null, auth))
                            .json(),
                    null);
        } catch (GitHubApiException e) {
            if (!e.isFinal()) {
                throw e;
            }
            return new Read(null, e);
        }
    }
}
