package dev.aisectriage.event;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.InstallationChange;
import dev.aisectriage.core.Lease;
import dev.aisectriage.store.Installations;

/** {@code installation.created}: remembers the installation for the dashboard. */
public final class RecordInstallation implements PayloadHandler<InstallationChange> {

    private final Installations installations;

    public RecordInstallation(Installations installations) {
        this.installations = installations;
    }

    @Override
    public void handle(Delivery delivery, InstallationChange installation, Lease lease) {
        installations.recordInstalled(installation.installationId(), installation.account());
    }
}
