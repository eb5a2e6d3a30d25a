package dev.aisectriage.core;

import java.util.Locale;

/** What a classification means for a thread under its repository's config; the lower-case name is stored. */
public enum Verdict {
    /** A security report: labelled and commented on. */
    FLAGGED,
    /** Unsure: labelled for a person to triage. */
    ABSTAINED,
    /** Not a security report. */
    PASSED,
    /** A security report of a theme the repository ignores. */
    IGNORED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored value, or null for none. */
    public static Verdict parse(String stored) {
        return stored == null ? null : valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
