package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import dev.aisectriage.store.Threads;
import java.util.function.Supplier;
import org.kohsuke.github.GHEventPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code issue_comment.created} / {@code discussion_comment.created} by a person on a thread not yet flagged:
 * the security angle often shows up in a reply, so the thread is classified again with the reply included.
 */
public final class RetriageOnReply {

    private static final Logger LOG = LoggerFactory.getLogger(RetriageOnReply.class);

    private final TriageThread triage;
    private final Threads threads;

    public RetriageOnReply(TriageThread triage, Threads threads) {
        this.triage = triage;
        this.threads = threads;
    }

    public void issueComment(Delivery delivery, GHEventPayload.IssueComment payload, Lease lease) {
        // pull requests are not triaged; only slash commands apply to them
        retriage(
                delivery,
                Reply.of(payload),
                payload.getIssue().isPullRequest(),
                () -> ThreadPost.of(delivery, payload),
                lease);
    }

    public void discussionComment(Delivery delivery, DiscussionPayload payload, Lease lease) {
        retriage(delivery, Reply.of(payload), false, () -> ThreadPost.of(delivery, payload), lease);
    }

    private void retriage(
            Delivery delivery, Reply reply, boolean onPullRequest, Supplier<ThreadPost> thread, Lease lease) {
        String body = ThreadPost.capped(reply.body());
        if (reply.author().bot() || SlashCommand.parse(body).isPresent() || body.isBlank()) {
            return;
        }
        if (CommentMarker.isOurs(body)) {
            // the bot's words (or a copy of them) say nothing about the thread
            LOG.info("{}: a reply carrying the bot's marker is not the reporter's text; ignored", delivery.id());
            return;
        }
        if (onPullRequest) {
            return;
        }
        ThreadPost post = thread.get();
        boolean flagged =
                threads.find(post.ref()).map(Threads.ThreadState::flagged).orElse(false);
        if (flagged) {
            LOG.debug("{}: already flagged; a reply changes nothing", post.ref());
            return;
        }
        threads.addReply(post.ref(), reply.id(), body);
        triage.triage(post, lease);
    }
}
