package dev.aisectriage.github;

/**
 * Whether private vulnerability reporting is on for a repository, as GitHub answered.
 *
 * @param detail why, in a few words, for the dashboard and the log
 */
public record PrivateReporting(State state, String detail) {

    public enum State {
        /** GitHub answered {@code {"enabled": true}}: the "Report a vulnerability" form works. */
        ENABLED,
        /** Switched off ({@code {"enabled": false}}), or not offered for the repository (404). */
        DISABLED,
        /** The App could not tell: it may not ask (403), or GitHub's answer was not the documented one. */
        UNKNOWN
    }

    public static final PrivateReporting ENABLED = new PrivateReporting(State.ENABLED, "private reporting is on");

    public boolean enabled() {
        return state == State.ENABLED;
    }
}
