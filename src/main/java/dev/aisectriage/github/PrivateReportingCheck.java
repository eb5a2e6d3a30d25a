package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Asks GitHub whether private vulnerability reporting is on for a repository:
 * {@code GET /repos/{owner}/{repo}/private-vulnerability-reporting}, which needs only the "Metadata: read" permission
 * every App has. A final refusal becomes an answer ({@link PrivateReporting.State#DISABLED} for 404,
 * {@link PrivateReporting.State#UNKNOWN} otherwise), so that the caller can fall back to {@code SECURITY.md}; a rate
 * limit or a failure worth another try is thrown, for the job queue to try again later. Sends one request; records
 * nothing.
 */
final class PrivateReportingCheck {

    private final InstallationReads reads;

    PrivateReportingCheck(InstallationReads reads) {
        this.reads = reads;
    }

    PrivateReporting check(long installationId, String repository) {
        InstallationReads.Read read =
                reads.get(installationId, "/repos/" + repository + "/private-vulnerability-reporting");
        if (read.refused()) {
            GitHubApiException e = read.refusal();
            if (e.isGone()) {
                return new PrivateReporting(
                        PrivateReporting.State.DISABLED, "not offered for this repository (GitHub answered 404)");
            }
            return new PrivateReporting(
                    PrivateReporting.State.UNKNOWN,
                    e.status() == 403 ? "the App may not ask (GitHub answered 403)" : "GitHub answered " + e.status());
        }
        JsonNode enabled = read.json().path("enabled");
        if (!enabled.isBoolean()) {
            return new PrivateReporting(PrivateReporting.State.UNKNOWN, "GitHub's answer has no \"enabled\" flag");
        }
        return enabled.booleanValue()
                ? PrivateReporting.ENABLED
                : new PrivateReporting(PrivateReporting.State.DISABLED, "private reporting is switched off");
    }
}
