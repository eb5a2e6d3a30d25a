package dev.aisectriage.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;

/**
 * The store: an embedded SQLite file (one instance), or a PostgreSQL server that several instances share. Schema
 * changes are Flyway migrations in {@code db/migration/}, one file per version for both ({@link DialectMigrations}). A SQLite file written before
 * Flyway is baselined at the version it reached and keeps its data ({@link Migrations}).
 */
public final class Database implements AutoCloseable {

    /** The kind of database, for the SQL where the two differ. */
    public enum Dialect {
        SQLITE,
        POSTGRESQL;

        /**
         * Appended to the SELECT that picks a row to claim: PostgreSQL locks the row and lets other claimers skip
         * it; SQLite has one writer at a time, so a claim there is serial anyway.
         */
        public String forUpdateSkipLocked() {
            return this == POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        }
    }

    private final Dialect dialect;
    private final String sqliteUrl;
    private final HikariDataSource pool;
    private final String description;

    private Database(Dialect dialect, String sqliteUrl, HikariDataSource pool, String description) {
        this.dialect = dialect;
        this.sqliteUrl = sqliteUrl;
        this.pool = pool;
        this.description = description;
    }

    /** Opens (creating if needed) the SQLite file, switches it to WAL and applies pending migrations. */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of " + file, e);
        }
        Database db = new Database(
                Dialect.SQLITE, "jdbc:sqlite:" + file.toAbsolutePath(), null, "sqlite:" + file.toAbsolutePath());
        db.migrate();
        return db;
    }

    /**
     * Connects to PostgreSQL through a pool of {@code poolSize} connections and applies pending migrations.
     *
     * @param url {@code postgres://user:pass@host:5432/db}, {@code postgresql://…} or {@code jdbc:postgresql://…}
     */
    public static Database openPostgres(String url, int poolSize) {
        JdbcUrl jdbc = JdbcUrl.parse(url);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbc.url());
        if (jdbc.user() != null) {
            config.setUsername(jdbc.user());
        }
        if (jdbc.password() != null) {
            config.setPassword(jdbc.password());
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setPoolName("store");
        config.setAutoCommit(true);
        config.setConnectionTimeout(10_000);
        Database db = new Database(Dialect.POSTGRESQL, null, new HikariDataSource(config), jdbc.redacted());
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** A PostgreSQL address without its password, as logs and messages may show it. */
    public static String redacted(String url) {
        return JdbcUrl.parse(url).redacted();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Where the data is, without a password: for logs. */
    public String description() {
        return description;
    }

    /** A new connection (pooled for PostgreSQL, with the project's pragmas for SQLite); the caller closes it. */
    public Connection connect() throws SQLException {
        return connect(false);
    }

    private Connection connect(boolean writes) throws SQLException {
        if (pool != null) {
            return pool.getConnection();
        }
        Connection c = DriverManager.getConnection(sqliteUrl);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=10000");
            s.execute("PRAGMA foreign_keys=ON");
        }
        return c;
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        return transaction(false, work);
    }

    /** Like {@link #inTransaction}, for work that writes (see {@link #connectForWrites()}). */
    public <T> T writeTransaction(SqlWork<T> work) {
        return transaction(true, work);
    }

    private <T> T transaction(boolean writes, SqlWork<T> work) {
        if (writes && dialect == Dialect.SQLITE) {
            try (Connection c = connect(true)) {
                return inImmediateTransaction(c, work);
            } catch (SQLException e) {
                throw new StoreException(e);
            }
        }
        try (Connection c = connect(writes)) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /**
     * Runs work in a SQLite transaction that takes the write lock first ({@code BEGIN IMMEDIATE}) on a connection in
     * auto-commit mode. A deferred transaction that read and then writes after another process committed fails at
     * once with SQLITE_BUSY (WAL cannot upgrade a stale snapshot), whereas waiting for the lock up front goes
     * through the busy timeout. (sqlite-jdbc's own IMMEDIATE mode begins the next transaction at every commit, so
     * an idle connection would hold the write lock.)
     */
    static <T> T inImmediateTransaction(Connection c, SqlWork<T> work) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
        try {
            T result = work.run(c);
            try (Statement s = c.createStatement()) {
                s.execute("COMMIT");
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK");
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }

    /** Closes the connection pool (PostgreSQL); SQLite connections are closed by their users. */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    private void migrate() {
        var configuration = Migrations.configure(dialect);
        Flyway flyway = pool != null
                ? configuration.dataSource(pool).load()
                : configuration.dataSource(sqliteUrl, null, null).load();
        Migrations.apply(this, flyway);
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
