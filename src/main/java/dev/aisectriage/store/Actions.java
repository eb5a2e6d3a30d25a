package dev.aisectriage.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The log of writes to GitHub: sent ones and, in dry-run, intended ones. */
public record Actions(Database db, Writes writes) {

    public void record(
            Long installationId, String repository, Integer number, String action, String detail, boolean dryRun) {
        writes.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO actions(installation_id, repository, number, action, detail, dry_run, created_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setObject(1, installationId);
                s.setString(2, repository);
                s.setObject(3, number);
                s.setString(4, action);
                s.setString(5, detail);
                s.setInt(6, dryRun ? 1 : 0);
                s.setString(7, Instant.now().toString());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The newest first. */
    public List<Action> recent(int limit) {
        return recent(0, limit);
    }

    /** The newest first, past the {@code offset} newest. */
    public List<Action> recent(int offset, int limit) {
        return db.inTransaction(c -> {
            List<Action> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT installation_id, repository, number, action, detail, dry_run, created_at FROM actions "
                            + "ORDER BY id DESC LIMIT ? OFFSET ?")) {
                s.setInt(1, limit);
                s.setInt(2, offset);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Action(
                                Rows.nullableLong(rs, 1),
                                rs.getString(2),
                                Rows.nullableInt(rs, 3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getInt(6) == 1,
                                rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }

    public record Action(
            Long installationId,
            String repository,
            Integer number,
            String action,
            String detail,
            boolean dryRun,
            String createdAt) {}
}
