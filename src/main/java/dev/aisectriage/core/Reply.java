package dev.aisectriage.core;

import java.util.function.Supplier;

/**
 * A comment on an issue, pull request or discussion, as the reply handlers read it.
 *
 * @param id the id the store keeps a reply under: GitHub's number for issue comments, the node id for discussions'
 * @param nodeId the comment's node id (GraphQL's, which hides it); null when the payload gives none
 * @param association the author's {@code author_association} ({@code OWNER}, {@code MEMBER}, …; {@code NONE})
 * @param previousBody the text before an edit ({@code changes.body.from}); null when there is none
 * @param onPullRequest the comment is on a pull request
 * @param thread the thread commented on, read from the payload when a handler needs it
 */
public record Reply(
        String id,
        String nodeId,
        String body,
        Actor author,
        String association,
        String previousBody,
        boolean onPullRequest,
        Supplier<ThreadPost> thread) {}
