package dev.aisectriage.github;

import dev.aisectriage.core.MissingPermission;

/** What became of opening (or looking for) the draft advisory of a leaked report. */
public sealed interface OpenedAdvisory {

    /** The draft exists: opened now, or found again by its marker. */
    record Opened(String ghsaId, String htmlUrl) implements OpenedAdvisory {}

    /** Looked for by its marker and not found: it was never opened. */
    record NotFound() implements OpenedAdvisory {}

    /** The App may not open or list advisories here; see {@link MissingPermission#line()}. */
    record NotPermitted(MissingPermission missing) implements OpenedAdvisory {}

    /**
     * GitHub refused the advisory itself (422: a field it does not accept; 404: the repository has no advisories,
     * for example a private one). Final.
     */
    record Refused(int status, String message) implements OpenedAdvisory {}
}
