package dev.aisectriage.store;

import dev.aisectriage.core.ThreadRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A thread's one comment slot ({@code threads.comment_id}), reserved before the comment is created, and the lease
 * check that goes with every write that must happen once per thread.
 */
final class CommentSlots {

    private final Writes writes;

    CommentSlots(Writes writes) {
        this.writes = writes;
    }

    /** See {@link Threads#reserveComment}. */
    boolean reserve(ThreadRef ref, String reservation, String previous) {
        return writes.inTransaction(c -> {
            ensureLease(c, ref);
            ThreadRows.ensure(c, ref);
            try (PreparedStatement s = c.prepareStatement("UPDATE threads SET comment_id = ?, comment_hash = NULL "
                    + "WHERE " + ThreadRows.KEY + " AND (comment_id IS NULL OR comment_id = ?)")) {
                s.setString(1, reservation);
                ThreadRows.key(s, ref, 2);
                s.setString(5, previous);
                return s.executeUpdate() == 1;
            }
        });
    }

    /** See {@link Threads#requireLease}. */
    void requireLease(ThreadRef ref) {
        if (ThreadLeases.workingFor() != null) {
            writes.inTransaction(c -> {
                ensureLease(c, ref);
                return null;
            });
        }
    }

    private static void ensureLease(Connection c, ThreadRef ref) throws SQLException {
        ThreadLeases.Held held = ThreadLeases.workingFor();
        if (held != null
                && held.threadKey().equals(Deliveries.threadKey(ref.repository(), ref.number()))
                && !ThreadLeases.holds(c, held.threadKey(), held.holder())) {
            throw new LeaseLostException(held.threadKey(), held.holder());
        }
    }
}
