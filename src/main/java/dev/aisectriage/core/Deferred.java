package dev.aisectriage.core;

import java.time.Instant;

/**
 * Not a failure: the job asks to run again at {@link #notBefore()} (a repository's head start for its maintainers,
 * {@code delay_minutes}). The job queue puts it back, due then, without spending an attempt; no worker waits for it,
 * and a restart keeps it.
 */
public final class Deferred extends RuntimeException {

    private final Instant notBefore;

    /** @param reason why, for the job's row and the log ("head start of 10 minutes") */
    public Deferred(Instant notBefore, String reason) {
        super(reason, null, false, false);
        this.notBefore = notBefore;
    }

    public Instant notBefore() {
        return notBefore;
    }
}
