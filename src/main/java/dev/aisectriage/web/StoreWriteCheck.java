package dev.aisectriage.web;

import dev.aisectriage.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether the store accepts a write: readiness must not answer 200 while every delivery would fail to be stored.
 * The write replaces the one row of its own small table, so it leaves the data alone.
 */
public final class StoreWriteCheck {

    private final Database db;

    public StoreWriteCheck(Database db) {
        this.db = db;
    }

    public Result run() {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            // The table comes with the schema (migration 4), on SQLite and PostgreSQL alike.
            s.executeUpdate("INSERT INTO store_write_check(id, checked_at) VALUES (1, '" + java.time.Instant.now()
                    + "') ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at");
            return new Result(true, null);
        } catch (SQLException | RuntimeException e) {
            return new Result(false, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** @param reason why the write failed, or null */
    public record Result(boolean ok, String reason) {}
}
