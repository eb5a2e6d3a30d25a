package dev.aisectriage.reliability;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/** Reads a service's SQLite file from outside, read-only, as an operator with {@code sqlite3} would. */
final class StoreProbe {

    private final Path db;

    StoreProbe(Path db) {
        this.db = db;
    }

    /** Jobs by state: queued, running, done, dead (absent states are 0). */
    Map<String, Long> jobStates() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String s : List.of("queued", "running", "done", "dead")) {
            counts.put(s, 0L);
        }
        query("SELECT state, COUNT(*) FROM jobs GROUP BY state", rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    /** True when no job is queued or running. */
    boolean drained() {
        Map<String, Long> s = jobStates();
        return s.get("queued") == 0 && s.get("running") == 0;
    }

    long count(String sql) {
        long[] n = {0};
        query(sql, rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /** delivery id, state, attempts, last error of every dead job. */
    List<String> deadLetters() {
        List<String> out = new ArrayList<>();
        query(
                "SELECT delivery_id, attempts, last_error FROM jobs WHERE state = 'dead' ORDER BY id",
                rs -> out.add(rs.getString(1) + " after " + rs.getInt(2) + ": " + rs.getString(3)));
        return out;
    }

    interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    void query(String sql, Row row) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db, config.toProperties());
                PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                row.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + db + ": " + e.getMessage(), e);
        }
    }
}
