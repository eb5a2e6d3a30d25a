package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.core.Comment;
import dev.aisectriage.core.ThreadRef.GitHubThread;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Discussions through GitHub's GraphQL API (REST and hub4j have no discussion writes). Sends; records nothing. */
final class DiscussionsGraphQl {

    private static final Logger LOG = LoggerFactory.getLogger(DiscussionsGraphQl.class);
    private static final int MAX_PAGES = 10;

    private final GraphQlClient graphql;

    DiscussionsGraphQl(GraphQlClient graphql) {
        this.graphql = graphql;
    }

    List<Comment> listComments(GitHubThread discussion) {
        List<Comment> out = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("owner", discussion.owner());
            vars.put("name", discussion.name());
            vars.put("number", discussion.number());
            vars.put("after", after);
            JsonNode comments = graphql.execute(
                            discussion.installationId(),
                            "query($owner: String!, $name: String!, $number: Int!, $after: String) { repository(owner: $owner, "
                                    + "name: $name) { discussion(number: $number) { comments(first: 100, after: $after) "
                                    + "{ nodes { id body viewerDidAuthor } pageInfo { hasNextPage endCursor } } } } }",
                            vars)
                    .path("repository")
                    .path("discussion")
                    .path("comments");
            for (JsonNode c : comments.path("nodes")) {
                // the viewer is the installation's bot user: only its own comments are the App's
                out.add(new Comment(
                        c.path("id").asText(),
                        c.path("body").asText(""),
                        c.path("viewerDidAuthor").asBoolean(false)));
            }
            if (!comments.path("pageInfo").path("hasNextPage").asBoolean(false)) {
                break;
            }
            after = comments.path("pageInfo").path("endCursor").asText();
        }
        return out;
    }

    /** GraphQL wants label node ids; labels are looked up by name, ones the repository lacks are skipped. */
    void addLabels(GitHubThread discussion, List<String> labels) {
        List<String> ids = labelIds(discussion, labels);
        if (!ids.isEmpty()) {
            graphql.execute(
                    discussion.installationId(),
                    "mutation($id: ID!, $labels: [ID!]!) { addLabelsToLabelable(input: {labelableId: $id, "
                            + "labelIds: $labels}) { clientMutationId } }",
                    Map.of("id", discussionId(discussion), "labels", ids));
        }
    }

    void removeLabel(GitHubThread discussion, String label) {
        List<String> ids = labelIds(discussion, List.of(label));
        if (!ids.isEmpty()) {
            graphql.execute(
                    discussion.installationId(),
                    "mutation($id: ID!, $labels: [ID!]!) { removeLabelsFromLabelable(input: {labelableId: $id, "
                            + "labelIds: $labels}) { clientMutationId } }",
                    Map.of("id", discussionId(discussion), "labels", ids));
        }
    }

    /** Sent once: see {@link GitHubHttp#sendOnce}. */
    String createComment(GitHubThread discussion, String body) {
        return graphql.executeOnce(
                        discussion.installationId(),
                        "mutation($id: ID!, $body: String!) { addDiscussionComment(input: {discussionId: $id, "
                                + "body: $body}) { comment { id } } }",
                        Map.of("id", discussionId(discussion), "body", body))
                .path("addDiscussionComment")
                .path("comment")
                .path("id")
                .asText();
    }

    void updateComment(GitHubThread discussion, String commentId, String body) {
        graphql.execute(
                discussion.installationId(),
                "mutation($id: ID!, $body: String!) { updateDiscussionComment(input: {commentId: $id, body: $body}) "
                        + "{ comment { id } } }",
                Map.of("id", commentId, "body", body));
    }

    /**
     * The node ids of the named labels of the thread's repository, each looked up by its name in one query (not
     * searched among the first 100: a repository may have more); names it lacks are logged and left out.
     */
    private List<String> labelIds(GitHubThread thread, List<String> labels) {
        if (labels.isEmpty()) {
            return List.of();
        }
        StringBuilder fields = new StringBuilder();
        StringBuilder params = new StringBuilder("$owner: String!, $name: String!");
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("owner", thread.owner());
        vars.put("name", thread.name());
        for (int i = 0; i < labels.size(); i++) {
            params.append(", $l").append(i).append(": String!");
            fields.append(" l").append(i).append(": label(name: $l").append(i).append(") { id name }");
            vars.put("l" + i, labels.get(i));
        }
        JsonNode repository = graphql.execute(
                        thread.installationId(),
                        "query(" + params + ") { repository(owner: $owner, name: $name) {" + fields + " } }",
                        vars)
                .path("repository");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            JsonNode label = repository.path("l" + i);
            if (label.hasNonNull("id")) {
                ids.add(label.get("id").asText());
            } else {
                LOG.warn("{}: label '{}' does not exist on the repository", thread, labels.get(i));
            }
        }
        return ids;
    }

    private String discussionId(GitHubThread thread) {
        if (thread.nodeId() != null) {
            return thread.nodeId();
        }
        return graphql.execute(
                        thread.installationId(),
                        "query($owner: String!, $name: String!, $number: Int!) { repository(owner: $owner, name: $name) "
                                + "{ discussion(number: $number) { id } } }",
                        Map.of("owner", thread.owner(), "name", thread.name(), "number", thread.number()))
                .path("repository")
                .path("discussion")
                .path("id")
                .asText();
    }
}
