package dev.aisectriage.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * One row per thread being worked on, by whichever process: the store-wide lock that keeps two jobs (or a job and
 * a backfill) of one thread from running at once. A lease names its holder and expires, so the lease of a process
 * that died is taken over once it runs out; holders renew it while they work. Nothing waits while holding a lease:
 * a claimer that finds the thread busy takes other work. The work hands its {@link Lease} down as an argument to
 * the writes that check it ({@link Threads#reserveComment}, {@link Threads#requireLease}).
 */
public final class ThreadLeases {

    private final Writes writes;
    private final Clock clock;

    public ThreadLeases(Writes writes, Clock clock) {
        this.writes = writes;
        this.clock = clock;
    }

    /** Takes the thread's lease for {@code holder} unless another holder's lease is still running. */
    public boolean tryAcquire(String threadKey, String holder, Duration lease) {
        long now = clock.millis();
        return writes.inTransaction(c -> acquire(c, threadKey, holder, now, now + lease.toMillis()));
    }

    /** Extends the lease if {@code holder} still has it; false if it lost it. */
    public boolean renew(String threadKey, String holder, Duration lease) {
        long until = clock.millis() + lease.toMillis();
        return writes.inTransaction(c -> renew(c, threadKey, holder, until));
    }

    public void release(String threadKey, String holder) {
        writes.inTransaction(c -> {
            release(c, threadKey, holder);
            return null;
        });
    }

    /**
     * Whether {@code holder} still has the thread's lease row. An expired row nobody took over still counts: only a
     * takeover by another holder means another process may be working on the thread.
     */
    public static boolean holds(Connection c, String threadKey, String holder) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT 1 FROM thread_leases WHERE thread_key = ? AND holder = ?")) {
            s.setString(1, threadKey);
            s.setString(2, holder);
            try (var rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static boolean acquire(Connection c, String threadKey, String holder, long now, long until)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO thread_leases (thread_key, holder, lease_until) VALUES (?, ?, ?)
                ON CONFLICT (thread_key) DO UPDATE SET holder = excluded.holder, lease_until = excluded.lease_until
                WHERE thread_leases.lease_until < ? OR thread_leases.holder = excluded.holder""")) {
            s.setString(1, threadKey);
            s.setString(2, holder);
            s.setLong(3, until);
            s.setLong(4, now);
            return s.executeUpdate() == 1;
        }
    }

    public static boolean renew(Connection c, String threadKey, String holder, long until) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE thread_leases SET lease_until = ? WHERE thread_key = ? AND holder = ?")) {
            s.setLong(1, until);
            s.setString(2, threadKey);
            s.setString(3, holder);
            return s.executeUpdate() == 1;
        }
    }

    public static void release(Connection c, String threadKey, String holder) throws SQLException {
        if (threadKey == null) {
            return;
        }
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM thread_leases WHERE thread_key = ? AND holder = ?")) {
            s.setString(1, threadKey);
            s.setString(2, holder);
            s.executeUpdate();
        }
    }
}
