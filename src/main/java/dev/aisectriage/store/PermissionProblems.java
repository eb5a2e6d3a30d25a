package dev.aisectriage.store;

import java.time.Instant;
import java.util.List;

/**
 * The permissions the App lacks ({@code permission_problems}): one line per repository and action, for the dashboard.
 * A refusal for a missing permission is never retried in a loop; its line is logged once, when it is new.
 */
public record PermissionProblems(Database db, Writes writes) {

    /** @param line {@code MissingPermission.line()}: what could not be done, and which permission grants it */
    public record Problem(String repository, String action, String line, Instant seenAt) {}

    /** @return true when the line is new (first seen, or worded otherwise): the caller logs it then, and only then */
    public boolean record(Long installationId, String repository, String action, String line, Instant at) {
        return writes.inTransaction(c -> {
            boolean known = !Sql.query(
                            c,
                            "SELECT 1 FROM permission_problems WHERE repository = ? AND action = ? AND line = ?",
                            rs -> true,
                            repository,
                            action,
                            line)
                    .isEmpty();
            Sql.update(
                    c,
                    "INSERT INTO permission_problems (repository, action, installation_id, line, seen_at)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (repository, action) DO UPDATE SET"
                            + " line = excluded.line, seen_at = excluded.seen_at",
                    repository,
                    action,
                    installationId,
                    line,
                    at.toEpochMilli());
            return !known;
        });
    }

    /** The action worked: the permission was granted. */
    public void solved(String repository, String action) {
        writes.inTransaction(c -> Sql.update(
                c, "DELETE FROM permission_problems WHERE repository = ? AND action = ?", repository, action));
    }

    /** Newest first. */
    public List<Problem> all() {
        return db.inTransaction(c -> Sql.query(
                c,
                "SELECT repository, action, line, seen_at FROM permission_problems ORDER BY seen_at DESC, repository",
                rs -> new Problem(
                        rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)))));
    }
}
