package dev.aisectriage.event;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.InstallationChange;
import dev.aisectriage.core.Lease;
import dev.aisectriage.store.Feedback;
import dev.aisectriage.store.Installations;
import dev.aisectriage.store.Retention;
import dev.aisectriage.store.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code installation.deleted}: deletes the installation's stored texts and feedback, empties its stored payloads and
 * closes its queued jobs.
 */
public final class ForgetInstallation implements PayloadHandler<InstallationChange> {

    private static final Logger LOG = LoggerFactory.getLogger(ForgetInstallation.class);

    private final Threads threads;
    private final Feedback feedback;
    private final Installations installations;
    private final Retention retention;

    public ForgetInstallation(Threads threads, Feedback feedback, Installations installations, Retention retention) {
        this.threads = threads;
        this.feedback = feedback;
        this.installations = installations;
        this.retention = retention;
    }

    @Override
    public void handle(Delivery delivery, InstallationChange installation, Lease lease) {
        long id = installation.installationId();
        int texts = threads.forgetInstallation(id);
        int signals = feedback.forgetInstallation(id);
        installations.recordDeleted(id);
        retention.forgetInstallation(id);
        LOG.info("installation {} removed: deleted {} thread texts and {} feedback records", id, texts, signals);
    }
}
