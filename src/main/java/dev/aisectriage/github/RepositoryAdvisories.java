package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.core.MissingPermission;
import dev.aisectriage.log.LogSafe;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A repository's security advisories ({@code /repos/{owner}/{repo}/security-advisories}): opens a private draft for a
 * report leaked in public and finds it again by its marker (the opt-in "Repository security advisories: write"), and
 * lists the privately reported vulnerabilities still waiting in {@code triage} ("Repository security advisories:
 * read"). Opening is sent once: a time-out or a 5xx may come after GitHub created the draft, so the caller looks for it
 * by its marker ({@link #find}) before opening again. A 403 becomes a {@link MissingPermission} and is never retried.
 * Sends; records nothing: the gateway records, and applies dry-run.
 */
final class RepositoryAdvisories {

    static final String PERMISSION = "Repository security advisories: write";
    static final String READ_PERMISSION = "Repository security advisories: read";
    /** How far back {@link #find} and {@link #inTriage} look: one page of the newest advisories. */
    static final int LOOK_BACK = 100;

    private final GitHubHttp http;
    private final InstallationCalls calls;
    private final InstallationReads reads;

    RepositoryAdvisories(GitHubHttp http, InstallationCalls calls) {
        this.http = http;
        this.calls = calls;
        this.reads = new InstallationReads(http, calls);
    }

    OpenedAdvisory open(long installationId, String repository, DraftAdvisory draft) {
        String path = path(repository);
        JsonNode created;
        try {
            created = calls.send(installationId, auth -> http.sendOnce("POST", path, draft.body(), auth))
                    .json();
        } catch (GitHubApiException e) {
            return refusal(repository, MissingPermission.OPEN_ADVISORY, PERMISSION, e);
        }
        return opened(created);
    }

    /**
     * The advisory whose description has {@code marker} as one of its lines, among the newest {@link #LOOK_BACK} of
     * the repository.
     */
    OpenedAdvisory find(long installationId, String repository, String marker) {
        InstallationReads.Read read =
                reads.get(installationId, path(repository) + "?sort=created&direction=desc&per_page=" + LOOK_BACK);
        if (read.refused()) {
            return refusal(repository, MissingPermission.FIND_ADVISORY, PERMISSION, read.refusal());
        }
        for (JsonNode advisory : read.json()) {
            if (advisory.path("description")
                    .asText("")
                    .lines()
                    .anyMatch(l -> l.strip().equals(marker))) {
                return opened(advisory);
            }
        }
        return new OpenedAdvisory.NotFound();
    }

    /** The GHSA ids of the repository's advisories in {@code triage}: private reports nobody accepted or rejected. */
    AdvisoriesInTriage inTriage(long installationId, String repository) {
        InstallationReads.Read read =
                reads.get(installationId, path(repository) + "?state=triage&per_page=" + LOOK_BACK);
        if (read.refused()) {
            GitHubApiException e = read.refusal();
            return e.status() == 403
                    ? new AdvisoriesInTriage.NotPermitted(new MissingPermission(
                            repository, MissingPermission.READ_REPORTS, READ_PERMISSION, e.getMessage()))
                    : new AdvisoriesInTriage.Unreadable("GitHub answered " + e.status());
        }
        Set<String> ids = new LinkedHashSet<>();
        read.json().forEach(a -> ids.add(a.path("ghsa_id").asText("")));
        return new AdvisoriesInTriage.Listed(ids, ids.size() >= LOOK_BACK);
    }

    private static String path(String repository) {
        return "/repos/" + repository + "/security-advisories";
    }

    private static OpenedAdvisory opened(JsonNode advisory) {
        String ghsa = advisory.path("ghsa_id").asText("");
        if (ghsa.isEmpty()) {
            throw new GitHubApiException("GitHub's advisory has no ghsa_id", 200, true, null, null);
        }
        return new OpenedAdvisory.Opened(ghsa, advisory.path("html_url").asText(null));
    }

    /** A final refusal as an outcome; anything another try may cure (5xx, time-out, rate limit) is thrown. */
    private static OpenedAdvisory refusal(String repository, String action, String permission, GitHubApiException e) {
        if (!e.isFinal()) {
            throw e;
        }
        if (e.status() == 403) {
            return new OpenedAdvisory.NotPermitted(
                    new MissingPermission(repository, action, permission, e.getMessage()));
        }
        return new OpenedAdvisory.Refused(e.status(), LogSafe.text(e.getMessage()));
    }
}
