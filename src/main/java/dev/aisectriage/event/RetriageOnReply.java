package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.Reply;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.store.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reply by a person on a thread not yet flagged: the security angle often shows up in a reply, so the thread is
 * classified again with the reply included. Pull requests are not triaged on replies; only slash commands apply.
 */
public final class RetriageOnReply implements PayloadHandler<Reply> {

    private static final Logger LOG = LoggerFactory.getLogger(RetriageOnReply.class);

    private final TriageThread triage;
    private final Threads threads;

    public RetriageOnReply(TriageThread triage, Threads threads) {
        this.triage = triage;
        this.threads = threads;
    }

    @Override
    public void handle(Delivery delivery, Reply reply, Lease lease) {
        String body = ThreadPost.capped(reply.body());
        if (reply.author().bot() || SlashCommand.parse(body).isPresent() || body.isBlank()) {
            return;
        }
        if (CommentMarker.isOurs(body)) {
            // the bot's words (or a copy of them) say nothing about the thread
            LOG.info("{}: a reply carrying the bot's marker is not the reporter's text; ignored", delivery.id());
            return;
        }
        if (reply.onPullRequest()) {
            return;
        }
        ThreadPost post = reply.thread().get();
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
