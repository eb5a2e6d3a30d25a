package dev.aisectriage.store;

import dev.aisectriage.core.Lease;
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
    boolean reserve(ThreadRef ref, String reservation, String previous, Lease lease) {
        return writes.inTransaction(c -> {
            ensureLease(c, ref, lease);
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
    void requireLease(ThreadRef ref, Lease lease) {
        if (lease.threadKey() != null) {
            writes.inTransaction(c -> {
                ensureLease(c, ref, lease);
                return null;
            });
        }
    }

    /** A lease of another thread, or none, has nothing to say about this one. */
    private static void ensureLease(Connection c, ThreadRef ref, Lease lease) throws SQLException {
        if (lease.covers(Lease.key(ref.repository(), ref.number()))
                && !ThreadLeases.holds(c, lease.threadKey(), lease.holder())) {
            throw new LeaseLostException(lease.threadKey(), lease.holder());
        }
    }
}
