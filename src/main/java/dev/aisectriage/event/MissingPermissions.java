package dev.aisectriage.event;

import dev.aisectriage.core.MissingPermission;
import dev.aisectriage.store.PermissionProblems;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A permission the App lacks: one line on the dashboard, and one in the log when it is new. Never retried in a loop:
 * the job that met it succeeds, and the next event that needs the permission tries once more.
 */
record MissingPermissions(PermissionProblems problems, Clock clock) {

    private static final Logger LOG = LoggerFactory.getLogger(MissingPermissions.class);

    void met(Long installationId, MissingPermission missing) {
        if (problems.record(installationId, missing.repository(), missing.action(), missing.line(), clock.instant())) {
            LOG.warn("{}", missing.line());
        }
    }

    /** The action worked: its permission was granted, the line goes from the dashboard. */
    void granted(String repository, String action) {
        problems.solved(repository, action);
    }
}
