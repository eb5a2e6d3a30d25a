package dev.aisectriage.core;

import java.time.Instant;

/**
 * A platform (GitHub, the Hub) answered a request with an error, or could not be reached: what the triage flow
 * needs to know of it, whichever platform failed.
 */
public abstract class PlatformException extends RuntimeException {

    protected PlatformException(String message, Throwable cause) {
        super(message, cause);
    }

    /** HTTP status, or 0 when no answer arrived (time-out, connection failure). */
    public abstract int status();

    /** Trying again cannot help (the platform refused the request as it is). */
    public abstract boolean isFinal();

    /** When a rate limit lifts, or null. */
    public abstract Instant retryAt();

    /** The thread, comment or repository no longer exists (or access to it was lost). */
    public boolean isGone() {
        return status() == 404 || status() == 410;
    }
}
