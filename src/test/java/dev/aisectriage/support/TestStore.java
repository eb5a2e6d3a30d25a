package dev.aisectriage.support;

import dev.aisectriage.store.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The two stores the contract tests run on: a SQLite file in the test's folder, and a fresh schema on a real
 * PostgreSQL server. The server's JDBC URL comes from {@code TEST_DATABASE_URL} (environment) or {@code
 * test.database.url} (system property); {@code .ci/run} starts a server and sets it. Without one the PostgreSQL
 * half is skipped with a message, except under {@code CI=true}, where it fails: CI must never skip it.
 */
public enum TestStore {
    SQLITE {
        @Override
        public Database open(Path dir) {
            return Database.open(dir.resolve("triage.db"));
        }
    },
    POSTGRESQL {
        @Override
        public Database open(Path dir) {
            return Database.openPostgres(freshSchema(), 4);
        }
    };

    /** A new, empty store, migrated. The caller closes it. */
    public abstract Database open(Path dir);

    /** The PostgreSQL server's URL, or a skip (locally) / failure (in CI) saying how to provide one. */
    public static String postgresUrl() {
        String url = System.getenv("TEST_DATABASE_URL");
        if (url == null || url.isBlank()) {
            url = System.getProperty("test.database.url");
        }
        if (url == null || url.isBlank()) {
            String how = "no PostgreSQL server for the store's tests: set TEST_DATABASE_URL "
                    + "(for example: export TEST_DATABASE_URL=$(.ci/start-postgres /tmp/triage-pg))";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(how + "; CI=true, so this fails instead of skipping");
            }
            Assumptions.abort(how);
        }
        return url;
    }

    /** A URL whose connections work in a new schema of their own, so that tests never see each other's rows. */
    public static String freshSchema() {
        String url = postgresUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL at " + url + " is not reachable: " + e.getMessage(), e);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
