package dev.aisectriage.event;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code issues.opened} / {@code issues.edited} and {@code discussion.created} / {@code discussion.edited}: classify the
 * thread, then label it and keep its one comment up to date. An edit that changed neither title nor body is skipped.
 */
public final class TriageOpenedOrEdited implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TriageOpenedOrEdited.class);

    private final TriageThread triage;

    public TriageOpenedOrEdited(TriageThread triage) {
        this.triage = triage;
    }

    @Override
    public void handle(WebhookEvent event) {
        JsonNode changes = event.payload().path("changes");
        if ("edited".equals(event.action())
                && !changes.isMissingNode()
                && !changes.has("title")
                && !changes.has("body")) {
            LOG.info("{}: edit of neither title nor body; nothing to classify again", event.deliveryId());
            return;
        }
        triage.triage(ThreadPost.of(event));
    }
}
