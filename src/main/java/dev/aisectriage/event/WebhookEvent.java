package dev.aisectriage.event;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One stored delivery, as a job hands it to the routing table, which parses it into each route's typed payload.
 *
 * @param repository {@code owner/name}, or null for installation-level events
 * @param payload the stored JSON, read only by the parsers ({@link GitHubPayloads}, the Hub's records)
 */
public record WebhookEvent(
        String deliveryId, String event, String action, Long installationId, String repository, JsonNode payload) {

    /** {@code issues.opened}, or just the event name when it has no action. */
    public String key() {
        return action == null || action.isEmpty() ? event : event + "." + action;
    }
}
