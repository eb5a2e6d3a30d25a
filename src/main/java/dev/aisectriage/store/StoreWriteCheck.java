package dev.aisectriage.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;

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
            // portable SQL: the store is SQLite or PostgreSQL
            s.execute(
                    "CREATE TABLE IF NOT EXISTS store_write_check (id INTEGER PRIMARY KEY, checked_at TEXT NOT NULL)");
            String now = Instant.now().toString();
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE store_write_check SET checked_at = ? WHERE id = 1")) {
                update.setString(1, now);
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert =
                            c.prepareStatement("INSERT INTO store_write_check(id, checked_at) VALUES (1, ?)")) {
                        insert.setString(1, now);
                        insert.executeUpdate();
                    } catch (SQLException e) {
                        // another instance inserted the row first: the store took its write
                        if (!"23505".equals(e.getSQLState()) && e.getErrorCode() != 19) {
                            throw e;
                        }
                    }
                }
            }
            return new Result(true, null);
        } catch (SQLException | RuntimeException e) {
            return new Result(false, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** @param reason why the write failed, or null */
    public record Result(boolean ok, String reason) {}
}
