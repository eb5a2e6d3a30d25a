package dev.aisectriage.support;

import dev.aisectriage.store.Database;
import java.nio.file.Path;
import java.sql.Statement;

/**
 * Opens the real SQLite store in a test folder. {@code db/migration/001.sql} belongs to the intake; on a branch
 * where it is not there yet, version 1 is marked applied so that {@code 002.sql} (this part's tables) still runs.
 * Once 001.sql is on the classpath this is exactly {@link Database#open}.
 */
public final class TestDatabase {

    private TestDatabase() {}

    public static Database open(Path file) {
        Database db = Database.open(file);
        if (TestDatabase.class.getClassLoader().getResource("db/migration/001.sql") == null) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(
                            "INSERT OR IGNORE INTO schema_version(version, applied_at) VALUES (1, 'test: 001.sql absent')");
                }
                return null;
            });
            db = Database.open(file);
        }
        return db;
    }
}
