package dev.aisectriage.github;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A {@code discussion} or {@code discussion_comment} payload, the fields the bot reads (hub4j binds discussions but
 * writes to them only through GraphQL, which the gateway does itself).
 *
 * @param comment null for {@code discussion} events
 * @param label the label added or removed, for {@code labeled} / {@code unlabeled}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DiscussionPayload(
        Discussion discussion, Comment comment, Changes changes, Label label, Account sender, Repository repository) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Discussion(
            int number,
            String nodeId,
            String htmlUrl,
            String title,
            String body,
            Account user,
            List<Label> labels,
            String createdAt) {}

    /** @param id GitHub's number for the comment, as text */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Comment(String id, String nodeId, String body, Account user, String authorAssociation) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Account(String login, String type) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Label(String name) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Repository(@JsonProperty("private") boolean isPrivate) {}

    /** What an {@code edited} action changed: a field is null when it did not change. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Changes(From title, From body) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record From(String from) {}
}
