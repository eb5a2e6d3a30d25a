package dev.aisectriage.event;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.InstallationChange;
import dev.aisectriage.core.Lease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code installation.deleted}: deletes the installation's stored texts, feedback and corrections, what was kept for
 * its security teams (channels, private reports, containment), empties its stored payloads and closes its queued jobs.
 */
public final class ForgetInstallation implements PayloadHandler<InstallationChange> {

    private static final Logger LOG = LoggerFactory.getLogger(ForgetInstallation.class);

    private final Stores stores;

    public ForgetInstallation(Stores stores) {
        this.stores = stores;
    }

    @Override
    public void handle(Delivery delivery, InstallationChange installation, Lease lease) {
        long id = installation.installationId();
        int texts = stores.threads().forgetInstallation(id);
        int signals = stores.feedback().forgetInstallation(id);
        int corrections = stores.corrections().forgetInstallation(id);
        stores.installations().recordDeleted(id);
        stores.retention().forgetInstallation(id);
        stores.security().forgetInstallation(id);
        LOG.info(
                "installation {} removed: deleted {} thread texts, {} feedback records and {} corrections",
                id,
                texts,
                signals,
                corrections);
    }
}
