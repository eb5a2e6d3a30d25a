package dev.aisectriage.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The latest problems found in each repository's config file, for the dashboard. */
public record ConfigErrors(Database db, Writes writes) {

    public void record(String repository, String file, List<String> errors) {
        writes.inTransaction(c -> {
            if (errors.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM config_errors WHERE repository = ?")) {
                    s.setString(1, repository);
                    s.executeUpdate();
                }
                return null;
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO config_errors(repository, file, errors, seen_at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT(repository) DO UPDATE SET file = excluded.file, errors = excluded.errors, "
                            + "seen_at = excluded.seen_at")) {
                s.setString(1, repository);
                s.setString(2, file);
                s.setString(3, String.join("\n", errors));
                s.setString(4, Instant.now().toString());
                s.executeUpdate();
            }
            return null;
        });
    }

    public List<Entry> all() {
        return db.inTransaction(c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT repository, file, errors, seen_at FROM config_errors ORDER BY seen_at DESC");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(
                            rs.getString(1),
                            rs.getString(2),
                            List.of(rs.getString(3).split("\n")),
                            rs.getString(4)));
                }
            }
            return out;
        });
    }

    public record Entry(String repository, String file, List<String> errors, String seenAt) {}
}
