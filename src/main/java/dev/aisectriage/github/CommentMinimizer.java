package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.core.HiddenComment;
import dev.aisectriage.core.MissingPermission;
import dev.aisectriage.core.ThreadRef;
import java.util.Locale;
import java.util.Map;

/**
 * Hides a comment that repeats a leaked exploit, through GraphQL {@code minimizeComment} (issue, pull request and
 * discussion comments alike; REST has no such call). Hiding is reversible: the comment stays, collapsed behind
 * GitHub's reason, and any maintainer can show it again. It is idempotent, so it may be sent again after a failure.
 * GitHub refuses an App without "Issues: write" (issue comments; a pull request's conversation comments need "Pull
 * requests: write") or "Discussions: write" (discussion comments) with the error "Resource not accessible by
 * integration" (a GraphQL error of type {@code FORBIDDEN}, which {@link GraphQlClient} makes a 403), which becomes
 * {@link HiddenComment.NotPermitted} and is never retried. Sends; records nothing: the gateway records, and applies
 * dry-run.
 */
final class CommentMinimizer {

    /**
     * GitHub shows the reason to everyone ("This comment was marked as off-topic"). Of its six classifiers (SPAM,
     * ABUSE, OFF_TOPIC, OUTDATED, DUPLICATE, RESOLVED) off-topic is the one that accuses no one and does not say
     * why the comment matters; an exploit must not be advertised by its label.
     */
    static final String CLASSIFIER = "OFF_TOPIC";

    private final GraphQlClient graphql;

    CommentMinimizer(GraphQlClient graphql) {
        this.graphql = graphql;
    }

    /**
     * @param thread        the thread the comment belongs to (its kind names the permission needed)
     * @param commentNodeId the comment's GraphQL node id ({@code node_id} in the webhook payload)
     */
    HiddenComment hide(ThreadRef.GitHubThread thread, String commentNodeId) {
        JsonNode minimized;
        try {
            minimized = graphql.execute(
                            thread.installationId(),
                            "mutation($id: ID!, $classifier: ReportedContentClassifiers!) { minimizeComment(input: "
                                    + "{subjectId: $id, classifier: $classifier}) { minimizedComment { isMinimized "
                                    + "minimizedReason } } }",
                            Map.of("id", commentNodeId, "classifier", CLASSIFIER))
                    .path("minimizeComment")
                    .path("minimizedComment");
        } catch (GitHubApiException e) {
            if (e.isGone()) {
                return new HiddenComment.Gone();
            }
            if (e.isFinal() && e.status() == 403) {
                return new HiddenComment.NotPermitted(new MissingPermission(
                        thread.repository(),
                        MissingPermission.HIDE_COMMENT,
                        thread instanceof ThreadRef.GitHubDiscussion ? "Discussions: write" : "Issues: write",
                        e.getMessage()));
            }
            throw e;
        }
        if (!minimized.path("isMinimized").asBoolean(false)) {
            throw new GitHubApiException(
                    "minimizeComment answered without hiding comment " + commentNodeId, 200, true, null, null);
        }
        return new HiddenComment.Hidden(
                minimized.path("minimizedReason").asText(CLASSIFIER).toLowerCase(Locale.ROOT));
    }
}
