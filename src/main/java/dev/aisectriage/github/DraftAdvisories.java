package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.log.LogSafe;

/**
 * Opens private draft repository security advisories ({@code POST /repos/{owner}/{repo}/security-advisories}) and
 * finds one opened before ({@code GET} of the same path), both needing the opt-in "Repository security advisories"
 * permission (write to open, read to list). Opening is sent once: a time-out or a 5xx may come after GitHub created
 * the draft, so the caller looks for it by its marker ({@link #find}) before opening again. A 403 becomes
 * {@link OpenedAdvisory.NotPermitted} and is never retried. Sends; records nothing: the gateway records, and applies
 * dry-run.
 */
final class DraftAdvisories {

    static final String PERMISSION = "Repository security advisories: write";
    /** How far back {@link #find} looks: the newest advisories of the repository, one page. */
    static final int LOOK_BACK = 100;

    private final GitHubHttp http;
    private final InstallationCalls calls;
    private final InstallationReads reads;

    DraftAdvisories(GitHubHttp http, InstallationCalls calls) {
        this.http = http;
        this.calls = calls;
        this.reads = new InstallationReads(http, calls);
    }

    OpenedAdvisory open(long installationId, String repository, DraftAdvisory draft) {
        String path = "/repos/" + repository + "/security-advisories";
        JsonNode created;
        try {
            created = calls.send(installationId, auth -> http.sendOnce("POST", path, draft.body(), auth))
                    .json();
        } catch (GitHubApiException e) {
            return refusal(repository, "open a draft security advisory", e);
        }
        return opened(created);
    }

    /** The advisory whose description carries {@code marker}, among the newest {@link #LOOK_BACK} of the repository. */
    OpenedAdvisory find(long installationId, String repository, String marker) {
        String path = "/repos/" + repository + "/security-advisories?sort=created&direction=desc&per_page=" + LOOK_BACK;
        InstallationReads.Read read = reads.get(installationId, path);
        if (read.refused()) {
            return refusal(repository, "list the repository's security advisories", read.refusal());
        }
        JsonNode advisories = read.json();
        for (JsonNode advisory : advisories) {
            if (advisory.path("description").asText("").contains(marker)) {
                return opened(advisory);
            }
        }
        return new OpenedAdvisory.NotFound();
    }

    private static OpenedAdvisory opened(JsonNode advisory) {
        String ghsa = advisory.path("ghsa_id").asText("");
        if (ghsa.isEmpty()) {
            throw new GitHubApiException("GitHub's advisory has no ghsa_id", 200, true, null, null);
        }
        return new OpenedAdvisory.Opened(ghsa, advisory.path("html_url").asText(null));
    }

    /** A final refusal as an outcome; anything another try may cure (5xx, time-out, rate limit) is thrown. */
    private static OpenedAdvisory refusal(String repository, String action, GitHubApiException e) {
        if (!e.isFinal()) {
            throw e;
        }
        if (e.status() == 403) {
            return new OpenedAdvisory.NotPermitted(
                    new MissingPermission(repository, action, PERMISSION, e.getMessage()));
        }
        return new OpenedAdvisory.Refused(e.status(), LogSafe.text(e.getMessage()));
    }
}
