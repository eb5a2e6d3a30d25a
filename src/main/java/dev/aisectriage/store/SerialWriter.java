package dev.aisectriage.store;

import dev.aisectriage.core.Daemons;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.LoggerFactory;

/**
 * Runs write transactions one at a time on one long-lived connection. SQLite has a single writer anyway; waiting
 * for it here is a fair FIFO queue, whereas two connections competing inside SQLite meet its busy handler, which
 * sleeps in steps of up to 100 ms and put the webhook answers' p99 in the hundreds of milliseconds under load.
 * Reads keep using {@link Database#inTransaction} (WAL readers do not block the writer). On PostgreSQL, which
 * has row locks and many writers, each transaction simply takes a pooled connection.
 */
public final class SerialWriter implements AutoCloseable {

    private final Database db;
    private final ReentrantLock lock = new ReentrantLock(true);
    private Connection connection;
    private ScheduledExecutorService checkpoints;

    public SerialWriter(Database db) {
        this.db = db;
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Database.SqlWork<T> work) {
        if (db.dialect() != Database.Dialect.SQLITE) {
            return db.inTransaction(work);
        }
        lock.lock();
        try {
            Connection c = connection();
            try {
                return Database.inImmediateTransaction(c, work);
            } catch (SQLException | RuntimeException e) {
                dropIfBroken();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        } finally {
            lock.unlock();
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = db.connect();
            try (Statement s = connection.createStatement()) {
                // Commits never run a checkpoint (its fsync would stall every writer queued behind this one);
                // checkpoint() does it from another connection.
                s.execute("PRAGMA wal_autocheckpoint=0");
            }
        }
        return connection;
    }

    /**
     * Copies the WAL into the database file without blocking the writer (a PASSIVE checkpoint on a connection of
     * its own). Call it periodically; see {@link #startCheckpoints}.
     */
    public void checkpoint() {
        if (db.dialect() != Database.Dialect.SQLITE) {
            return;
        }
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Runs {@link #checkpoint()} every {@code period} on a daemon thread until {@link #close()}. */
    public void startCheckpoints(Duration period) {
        checkpoints = Daemons.timer("sqlite-checkpoint");
        checkpoints.scheduleWithFixedDelay(
                () -> {
                    try {
                        checkpoint();
                    } catch (RuntimeException e) {
                        LoggerFactory.getLogger(SerialWriter.class).warn("WAL checkpoint failed: {}", e.toString());
                    }
                },
                period.toMillis(),
                period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void dropIfBroken() {
        // The failed transaction was rolled back, unless the rollback failed too: a fresh connection is the safe bet.
        closeConnection();
    }

    @Override
    public void close() {
        if (checkpoints != null) {
            checkpoints.shutdownNow();
        }
        closeConnection();
    }

    private void closeConnection() {
        lock.lock();
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        } finally {
            connection = null;
            lock.unlock();
        }
    }
}
