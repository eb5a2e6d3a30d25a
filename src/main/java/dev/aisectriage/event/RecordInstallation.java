package dev.aisectriage.event;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import dev.aisectriage.store.Installations;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHUser;

/** {@code installation.created}: remembers the installation for the dashboard. */
public final class RecordInstallation implements PayloadHandler<GHEventPayload.Installation> {

    private final Installations installations;

    public RecordInstallation(Installations installations) {
        this.installations = installations;
    }

    @Override
    public void handle(Delivery delivery, GHEventPayload.Installation payload, Lease lease) {
        GHUser account = payload.getInstallation().getAccount();
        installations.recordInstalled(payload.getInstallation().getId(), account == null ? null : account.getLogin());
    }
}
