package dev.aisectriage.core;

import dev.aisectriage.log.LogSafe;

/**
 * GitHub refused a call because the App lacks a permission the installation has not granted. Not retried: trying
 * again changes nothing until an owner grants it. {@link #line()} is the one line the dashboard and the log show.
 *
 * @param repository  {@code owner/name}
 * @param action      what the bot could not do ("hide a comment")
 * @param permission  the permission it needs, as GitHub's App settings name it ("Issues: write")
 * @param gitHubSays  GitHub's message ("Resource not accessible by integration")
 */
public record MissingPermission(String repository, String action, String permission, String gitHubSays) {

    /** The actions a permission may be missing for, as {@link #line()} names them. */
    public static final String HIDE_COMMENT = "hide a comment";

    public static final String OPEN_ADVISORY = "open a draft security advisory";
    public static final String FIND_ADVISORY = "list the repository's security advisories";
    public static final String READ_REPORTS = "read the privately reported vulnerabilities";

    public String line() {
        return LogSafe.text(repository) + ": could not " + action + ": the App lacks the \"" + permission
                + "\" permission (GitHub: " + LogSafe.text(gitHubSays) + "); grant it in the App's settings, nothing"
                + " is retried until then";
    }
}
