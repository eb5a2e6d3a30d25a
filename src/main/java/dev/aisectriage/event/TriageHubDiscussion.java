package dev.aisectriage.event;

import dev.aisectriage.core.Actor;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.core.ThreadRef.HubDiscussion;
import dev.aisectriage.huggingface.HubEvents;
import dev.aisectriage.huggingface.HubGateway;
import dev.aisectriage.huggingface.HubUser;
import dev.aisectriage.huggingface.HubWebhookPayload;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.HubPosts;
import dev.aisectriage.store.HubPosts.HubPost;
import dev.aisectriage.store.Threads;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hugging Face Hub discussion opened or edited, or a comment posted or edited in one, read into the one triage
 * flow: the Hub tells a discussion piece by piece (its title, then its opening post as a comment, or the other way
 * round), so what it told is kept ({@link HubPosts}) and the discussion handed on as one post, its replies stored
 * with every thread's. The bot's own comments and hidden ones are skipped; a reply to a discussion already flagged
 * changes nothing; a status change alone is not classified again. The Hub has no labels, so the comment is the whole
 * answer.
 */
public final class TriageHubDiscussion implements PayloadHandler<HubWebhookPayload> {

    private static final Logger LOG = LoggerFactory.getLogger(TriageHubDiscussion.class);

    private final TriageThread triage;
    private final HubGateway hub;
    private final Stores stores;

    public TriageHubDiscussion(TriageThread triage, HubGateway hub, Stores stores) {
        this.triage = triage;
        this.hub = hub;
        this.stores = stores;
    }

    @Override
    public void handle(Delivery delivery, HubWebhookPayload payload, Lease lease) {
        HubDiscussion ref = payload.discussionRef();
        HubWebhookPayload.Comment comment = payload.comment();
        if (comment != null && (comment.hidden() || comment.content() == null)) {
            LOG.info("{}: hidden comment {}; nothing to read", ref, LogSafe.text(comment.id()));
            return;
        }
        Optional<HubUser> bot = hub.bot();
        if (comment != null
                && bot.isPresent()
                && bot.get().id() != null
                && bot.get().id().equals(payload.commentAuthorId())) {
            LOG.info("{}: the bot's own comment {}; skipped", ref, LogSafe.text(comment.id()));
            return;
        }
        HubWebhookPayload.Discussion d = payload.discussion();
        if (statusChangeOnly(ref, d, comment)) {
            LOG.info("{}: status change only (now {}); nothing to classify again", ref, LogSafe.text(d.status()));
            return;
        }
        stores.hubPosts().recordDiscussion(ref, d.id(), title(d), d.isPullRequest(), payload.privateRepository());
        if (comment != null && !recordComment(delivery, ref, comment)) {
            return;
        }
        HubPost post = stores.hubPosts().find(ref).orElseThrow();
        String head = (nz(post.title()) + "\n\n" + nz(post.opening())).strip();
        triage.triage(
                new ThreadPost(
                        ref,
                        hub.webUrl(ref),
                        head,
                        "",
                        Actor.NOBODY,
                        Set.of(),
                        !post.privateRepo(),
                        post.pullRequest(),
                        null),
                lease);
    }

    /** A discussion event without a comment whose title is unchanged since it was classified. */
    private boolean statusChangeOnly(HubDiscussion ref, HubWebhookPayload.Discussion d, HubWebhookPayload.Comment c) {
        return c == null
                && stores.threads()
                        .find(ref)
                        .map(Threads.ThreadState::classifiedAt)
                        .isPresent()
                && Objects.equals(
                        stores.hubPosts().find(ref).map(HubPost::title).orElse(null), title(d));
    }

    /**
     * Records the comment as the discussion's opening or as a reply.
     *
     * @return false when there is nothing more to do: a reply to a discussion already flagged
     */
    private boolean recordComment(Delivery delivery, HubDiscussion ref, HubWebhookPayload.Comment comment) {
        String text = ThreadPost.capped(comment.content());
        boolean opening = HubEvents.DISCUSSION.equals(delivery.event())
                || comment.id() != null
                        && comment.id()
                                .equals(stores.hubPosts()
                                        .find(ref)
                                        .map(HubPost::openingCommentId)
                                        .orElse(null));
        if (opening) {
            stores.hubPosts().recordOpening(ref, comment.id(), text);
            if (comment.id() != null) {
                stores.threads()
                        .forgetReply(ref, comment.id()); // the opening post may have arrived as a comment event first
            }
            return true;
        }
        if (stores.threads().find(ref).map(Threads.ThreadState::flagged).orElse(false)) {
            LOG.debug("{}: already flagged; a reply changes nothing", ref);
            return false;
        }
        stores.threads().addReply(ref, comment.id(), text);
        return true;
    }

    /** The title as far as a job reads a text; null when the event names none (the stored one stays). */
    private static String title(HubWebhookPayload.Discussion d) {
        return d.title() == null ? null : ThreadPost.capped(d.title());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
