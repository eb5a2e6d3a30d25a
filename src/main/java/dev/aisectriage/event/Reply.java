package dev.aisectriage.event;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHUser;

/**
 * A comment on an issue, pull request or discussion, as the reply handlers read it.
 *
 * @param id the id the store keeps a reply under: GitHub's number for issue comments, the node id for discussions'
 * @param previousBody the text before an edit ({@code changes.body.from}); null when there is none
 */
record Reply(String id, String body, Actor author, String association, String previousBody) {

    static Reply of(GHEventPayload.IssueComment payload) {
        GHIssueComment c = payload.getComment();
        var changes = payload.getChanges();
        return new Reply(
                String.valueOf(c.getId()),
                nz(c.getBody()),
                Actor.of(userOf(c)),
                c.getAuthorAssociation().name(),
                changes == null || changes.getBody() == null
                        ? null
                        : changes.getBody().getFrom());
    }

    static Reply of(DiscussionPayload payload) {
        DiscussionPayload.Comment c = payload.comment();
        DiscussionPayload.Changes changes = payload.changes();
        return new Reply(
                c.nodeId() != null ? c.nodeId() : nz(c.id()),
                nz(c.body()),
                Actor.of(c.user()),
                c.authorAssociation() == null ? "NONE" : c.authorAssociation(),
                changes == null || changes.body() == null
                        ? null
                        : changes.body().from());
    }

    /** The comment's user as the payload gives it: the root is offline, so hub4j does not GET /users/{login}. */
    private static GHUser userOf(GHIssueComment c) {
        try {
            return c.getUser();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
