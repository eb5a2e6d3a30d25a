package dev.aisectriage.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One webhook delivery, from GitHub or the Hugging Face Hub, under one name from the intake to the job that handles
 * it: the intake builds it ({@code github/GitHubDeliveries}, {@code huggingface/HubDeliveries}) and stores it, the job
 * queue hands it back to the routing table, whose payload types parse it.
 *
 * @param id {@code X-GitHub-Delivery}, or {@code hf-<uuid>} for the Hub (which gives none)
 * @param action null for events without one (ping)
 * @param installationId the GitHub App installation; null for a repository webhook and for the Hub
 * @param repository {@code owner/name} (a Hub path for the Hub), null for installation-level events
 * @param threadNumber issue, pull request or discussion number, null when the event has no thread
 * @param semanticKey the event's identity apart from its delivery id, so that a copy is handled once; null when the
 *     event has no text to dedupe on
 * @param body the raw JSON text, exactly as signed: what the store keeps
 * @param payload the same text parsed, read only by the payload types
 */
public record Delivery(
        String id,
        String event,
        String action,
        Long installationId,
        String repository,
        Integer threadNumber,
        String semanticKey,
        String body,
        JsonNode payload) {

    /** {@code issues.opened}, or just the event name when it has no action. */
    public String key() {
        return action == null || action.isEmpty() ? event : event + "." + action;
    }

    /** The key of the lease its job takes on its thread, or null when it has none. */
    public String threadKey() {
        return Lease.key(repository, threadNumber);
    }
}
