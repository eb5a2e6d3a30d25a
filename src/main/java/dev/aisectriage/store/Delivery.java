package dev.aisectriage.store;

/**
 * One webhook delivery as received, before it is stored.
 *
 * @param action null for events without one (ping)
 * @param installationId null for a repository webhook (not the App's)
 * @param repository {@code owner/name}, null for installation-level events
 * @param threadNumber issue, pull request or discussion number, null when the event has no thread
 * @param semanticKey see {@link SemanticKey}; null when the event has no text to dedupe on
 * @param payload the raw JSON text, exactly as signed
 */
public record Delivery(
        String deliveryId,
        String event,
        String action,
        Long installationId,
        String repository,
        Integer threadNumber,
        String semanticKey,
        String payload) {

    /** {@code issues.opened}, or just the event name when it has no action. */
    public String key() {
        return action == null || action.isEmpty() ? event : event + "." + action;
    }
}
