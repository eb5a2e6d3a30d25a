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
            s.execute(
                    "CREATE TABLE IF NOT EXISTS store_write_check (id INTEGER PRIMARY KEY, checked_at TEXT NOT NULL)");
            s.executeUpdate("INSERT OR REPLACE INTO store_write_check(id, checked_at) VALUES (1, datetime('now'))");
            return new Result(true, null);
        } catch (SQLException | RuntimeException e) {
            return new Result(false, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** @param reason why the write failed, or null */
    public record Result(boolean ok, String reason) {}
}
