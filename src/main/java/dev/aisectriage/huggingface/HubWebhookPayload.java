package dev.aisectriage.huggingface;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.ThreadRef;

/**
 * A Hugging Face Hub webhook payload, the fields the bot reads, as documented in the Hub's webhooks guide
 * (hub-docs {@code docs/hub/webhooks.md}); everything else is ignored. {@code repo} and {@code event} are always
 * sent; {@code discussion} on community events; {@code comment} when a comment is created (also on discussion
 * creation, where it is the opening post) or updated.
 */
public record HubWebhookPayload(Event event, Repo repo, Discussion discussion, Comment comment, Webhook webhook) {

    private static final ObjectMapper JSON =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** {@code event.scope} is one of {@code repo}, {@code repo.content}, {@code repo.config}, {@code discussion}, … */
    public record Event(String action, String scope) {}

    /** {@code repo.name} is {@code owner/name}; {@code repo.type} is {@code model}, {@code dataset} or {@code space}. */
    public record Repo(
            String type,
            String name,
            String id,
            @JsonProperty("private") boolean isPrivate,
            Owner owner) {}

    public record Owner(String id) {}

    public record Author(String id) {}

    /** A discussion or a pull request (on the Hub, a pull request is a kind of discussion). */
    public record Discussion(
            String id, Integer num, String title, String status, boolean isPullRequest, Author author) {}

    /** When {@code hidden} is true the Hub sends no {@code content}. */
    public record Comment(String id, String content, boolean hidden, Author author) {}

    public record Webhook(String id, Integer version) {}

    /** Binds a parsed body; one that is not of this shape is a {@link JsonProcessingException}. */
    public static HubWebhookPayload bind(JsonNode tree) throws JsonProcessingException {
        return JSON.treeToValue(tree, HubWebhookPayload.class);
    }

    /** The payload of a stored delivery, read again by the job that handles it. */
    public static HubWebhookPayload of(Delivery delivery) {
        try {
            return JSON.treeToValue(delivery.payload(), HubWebhookPayload.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored Hub payload does not parse: " + e.getOriginalMessage(), e);
        }
    }

    /** The repository the event is about; throws if the payload names none, or one the bot cannot address. */
    public HubRepo hubRepo() {
        if (repo == null) {
            throw new IllegalArgumentException("payload has no repo");
        }
        return HubRepo.of(repo.type(), repo.name());
    }

    /** The discussion the event is about; throws if the payload has none. */
    public ThreadRef.HubDiscussion discussionRef() {
        if (discussion == null || discussion.num() == null) {
            throw new IllegalArgumentException("payload has no discussion number");
        }
        HubRepo r = hubRepo();
        return new ThreadRef.HubDiscussion(r.type(), r.name(), discussion.num());
    }

    /** The comment's author id, or null. */
    public String commentAuthorId() {
        return comment == null || comment.author() == null
                ? null
                : comment.author().id();
    }

    public boolean privateRepository() {
        return repo != null && repo.isPrivate();
    }
}
