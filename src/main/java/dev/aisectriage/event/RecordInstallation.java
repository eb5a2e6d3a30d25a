package dev.aisectriage.event;

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
    public void handle(WebhookEvent delivery, GHEventPayload.Installation payload) {
        GHUser account = payload.getInstallation().getAccount();
        installations.recordInstalled(payload.getInstallation().getId(), account == null ? null : account.getLogin());
    }
}
