package dev.aisectriage.event;

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
 * Replies by Apps (the bot's own comments among them, {@code type: Bot}) are not the reporter's text.
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
        // The bot's own comments (and other Apps') are known by their account, never by the marker: anybody can
        // paste the marker into a reply, and the reply is still read.
        if (reply.author().bot() || SlashCommand.parse(body).isPresent() || body.isBlank()) {
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
