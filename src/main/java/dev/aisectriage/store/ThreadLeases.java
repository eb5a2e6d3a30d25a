package dev.aisectriage.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One row per thread being worked on, by whichever process: the store-wide lock that keeps two jobs (or a job and
 * a backfill) of one thread from running at once. A lease names its holder and expires, so the lease of a process
 * that died is taken over once it runs out; holders renew it while they work. Nothing waits while holding a lease:
 * a claimer that finds the thread busy takes other work.
 */
public final class ThreadLeases {

    /** The thread lease the current (Java) thread works under, while it runs a job or a backfill step. */
    private static final ThreadLocal<Held> WORKING_FOR = new ThreadLocal<>();

    /** A lease of {@code threadKey} taken by {@code holder}. */
    record Held(String threadKey, String holder) {}

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
     * Runs {@code work} on this thread on behalf of {@code holder}, which took the lease of {@code threadKey} (null:
     * a job without a thread, nothing is checked): the store's writes that must happen at most once
     * per thread (the comment slot, the labels) then refuse to go ahead once another holder took the thread's lease
     * (ours ran out while the work was slow), with a {@link LeaseLostException}.
     */
    public static <T> T workingFor(String threadKey, String holder, Callable<T> work) throws Exception {
        Held outer = WORKING_FOR.get();
        WORKING_FOR.set(threadKey == null ? null : new Held(threadKey, holder));
        try {
            return work.call();
        } finally {
            if (outer == null) {
                WORKING_FOR.remove();
            } else {
                WORKING_FOR.set(outer);
            }
        }
    }

    /** The lease this thread works under, or null outside a job or a backfill step. */
    static Held workingFor() {
        return WORKING_FOR.get();
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
