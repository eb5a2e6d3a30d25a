package dev.aisectriage.event;

import dev.aisectriage.store.Installations;

/** {@code installation.created}: remembers the installation for the dashboard. */
public final class RecordInstallation implements EventHandler {

    private final Installations installations;

    public RecordInstallation(Installations installations) {
        this.installations = installations;
    }

    @Override
    public void handle(WebhookEvent event) {
        installations.recordInstalled(
                event.installationId(),
                event.payload()
                        .path("installation")
                        .path("account")
                        .path("login")
                        .asText(null));
    }
}
