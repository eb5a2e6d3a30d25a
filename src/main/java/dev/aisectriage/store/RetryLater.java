package dev.aisectriage.store;

import java.time.Instant;

/**
 * Thrown (or carried as a cause) by work that must wait, for example for GitHub's rate-limit reset: the job goes
 * back to the queue due at {@code notBefore} without spending an attempt, and when {@code installationId} is set no
 * job of that installation is claimed before then, in any process. Nothing waits while holding a lease.
 */
public class RetryLater extends RuntimeException {

    private final Long installationId;
    private final Instant notBefore;

    public RetryLater(String message, Long installationId, Instant notBefore) {
        super(message);
        this.installationId = installationId;
        this.notBefore = notBefore;
    }

    public Long installationId() {
        return installationId;
    }

    public Instant notBefore() {
        return notBefore;
    }
}
