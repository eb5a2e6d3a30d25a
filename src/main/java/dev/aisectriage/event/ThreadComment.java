package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.core.Comment;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.PlatformException;
import dev.aisectriage.core.ThreadPort;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.store.Threads;
import dev.aisectriage.store.Threads.ThreadState;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's one comment on a thread, on every platform: created once, edited in place, adopted when the platform
 * already has it (posted before a crash, or by a write whose answer failed), never posted twice and never posted
 * again once deleted.
 */
final class ThreadComment {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadComment.class);

    private final ThreadPort port;
    private final Threads threads;

    ThreadComment(ThreadPort port, Threads threads) {
        this.port = port;
        this.threads = threads;
    }

    void upsert(ThreadRef ref, String body, Lease lease) {
        if (!CommentMarker.isOurs(body)) {
            throw new IllegalArgumentException("the bot's comment must carry " + CommentMarker.MARKER);
        }
        Optional<ThreadState> state = threads.find(ref);
        String id = state.map(ThreadState::commentId).orElse(null);
        String storedHash = state.map(ThreadState::commentHash).orElse(null);
        switch (CommentSlot.next(id, storedHash, body)) {
            case LEAVE_DELETED -> LOG.info("{}: a maintainer deleted the bot's comment; not posting it again", ref);
            case FIND_OR_CREATE -> {
                Optional<Comment> posted = adoptOwn(ref);
                if (posted.isEmpty()) {
                    // The slot is taken in the store before the POST: no race nor crash posts a second comment.
                    String previous = Threads.isPendingComment(id) ? id : null;
                    if (!threads.reserveComment(
                            ref, Threads.pendingComment(UUID.randomUUID().toString()), previous, lease)) {
                        LOG.info("{}: another writer holds the comment slot; not posting", ref);
                        return;
                    }
                    create(ref, body);
                } else if (CommentSlot.next(posted.get().id(), hash(posted.get()), body) == CommentSlot.Step.EDIT) {
                    edit(ref, posted.get().id(), body);
                }
            }
            case UNCHANGED -> {}
            case EDIT -> edit(ref, id, body);
        }
    }

    /** The bot's comment already on the thread, recorded as the slot's. */
    private Optional<Comment> adoptOwn(ThreadRef ref) {
        for (Comment c : port.comments(ref)) {
            // the marker alone proves nothing: anybody can copy it into a comment of their own
            if (c.byBot() && CommentMarker.isOurs(c.body())) {
                threads.recordComment(ref, c.id(), hash(c));
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Posts the comment once. A failure without a clear refusal (5xx, time-out) may come after the platform applied the
     * write, so the thread is searched for it before anything is tried again.
     */
    private void create(ThreadRef ref, String body) {
        String created;
        try {
            created = port.createComment(ref, body);
        } catch (PlatformException e) {
            if (e.isFinal() || e.retryAt() != null) {
                throw e;
            }
            Optional<Comment> applied = adoptOwn(ref);
            if (applied.isEmpty()) {
                throw e;
            }
            LOG.info("{}: the comment was created although its answer failed ({}); adopted", ref, e.getMessage());
            if (!hash(applied.get()).equals(CommentSlot.sha256(body))) {
                edit(ref, applied.get().id(), body);
            }
            return;
        }
        threads.recordComment(ref, created, CommentSlot.sha256(body));
    }

    private void edit(ThreadRef ref, String id, String body) {
        try {
            port.editComment(ref, id, body);
        } catch (PlatformException e) {
            if (!e.isGone()) {
                throw e;
            }
            threads.recordComment(ref, CommentSlot.DELETED, null);
            LOG.info("{}: the bot's comment {} was deleted; it stays deleted", ref, id);
            return;
        }
        threads.recordComment(ref, id, CommentSlot.sha256(body));
    }

    private static String hash(Comment c) {
        return CommentSlot.sha256(c.body());
    }
}
