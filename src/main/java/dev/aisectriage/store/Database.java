package dev.aisectriage.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The embedded SQLite store. Schema changes are numbered files {@code db/migration/001.sql}, {@code 002.sql}, …
 * on the classpath, applied in order once each and recorded in {@code schema_version}.
 */
public final class Database {

    private final String url;

    private Database(String url) {
        this.url = url;
    }

    /** Opens (creating if needed) the file, switches it to WAL and applies pending migrations. */
    public static Database open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of " + file, e);
        }
        Database db = new Database("jdbc:sqlite:" + file.toAbsolutePath());
        db.migrate();
        return db;
    }

    /** A new connection with the project's pragmas; the caller closes it. */
    public Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url);
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
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private void migrate() {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute(
                        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            }
            int current;
            try (var rs = c.createStatement().executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                current = rs.next() ? rs.getInt(1) : 0;
            }
            for (int v = current + 1; ; v++) {
                String sql = migration(v);
                if (sql == null) {
                    break;
                }
                try (Statement s = c.createStatement()) {
                    for (String statement : sql.split(";\\s*(\\r?\\n|$)")) {
                        if (!statement.isBlank()) {
                            s.execute(statement);
                        }
                    }
                    s.execute("INSERT INTO schema_version(version, applied_at) VALUES (" + v + ", datetime('now'))");
                }
            }
            return null;
        });
    }

    private static String migration(int version) {
        String name = String.format("db/migration/%03d.sql", version);
        try (InputStream in = Database.class.getClassLoader().getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }
}
