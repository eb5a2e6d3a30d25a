package dev.aisectriage.event;

import dev.aisectriage.store.Threads;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The thread's one slot for the bot's comment, as stored: which step a new body calls for. The stored id wins
 * over any search of the thread. Pure.
 */
final class CommentSlot {

    /** Stored instead of a comment id when a maintainer deleted the bot's comment: it is not posted again. */
    static final String DELETED = "deleted";

    enum Step {
        /** A maintainer deleted the comment: leave the thread alone. */
        LEAVE_DELETED,
        /** No comment is known: look for the bot's own on the thread, else create one. */
        FIND_OR_CREATE,
        /** The comment already says this. */
        UNCHANGED,
        /** Edit the stored comment in place. */
        EDIT
    }

    private CommentSlot() {}

    /**
     * @param storedId   the stored comment id, {@link #DELETED}, a reservation ({@code pending:…}), or null
     * @param storedHash the stored hash of its body, or null
     */
    static Step next(String storedId, String storedHash, String body) {
        if (DELETED.equals(storedId)) {
            return Step.LEAVE_DELETED;
        }
        if (storedId == null || Threads.isPendingComment(storedId)) {
            // pending: a create was under way when its process died; the comment may exist
            return Step.FIND_OR_CREATE;
        }
        return sha256(body).equals(storedHash) ? Step.UNCHANGED : Step.EDIT;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
