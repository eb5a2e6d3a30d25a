package dev.aisectriage.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The App's installations, and the labels it created on their repositories. */
public record Installations(Database db, Writes writes) {

    public void recordInstalled(long installationId, String account) {
        writes.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO app_installations(installation_id, account, created_at) VALUES (?, ?, ?) "
                            + "ON CONFLICT(installation_id) DO UPDATE SET account = excluded.account, deleted_at = NULL")) {
                s.setLong(1, installationId);
                s.setString(2, account);
                s.setString(3, Instant.now().toString());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Uninstall: marks the installation deleted and forgets its labels (see also {@link Retention#forgetInstallation}). */
    public void recordDeleted(long installationId) {
        writes.inTransaction(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE app_installations SET deleted_at = ? WHERE installation_id = ?")) {
                s.setString(1, Instant.now().toString());
                s.setLong(2, installationId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM repo_labels WHERE installation_id = ?")) {
                s.setLong(1, installationId);
                s.executeUpdate();
            }
            return null;
        });
    }

    public List<Installation> all() {
        return db.inTransaction(c -> {
            List<Installation> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT installation_id, account, created_at, deleted_at FROM app_installations ORDER BY created_at DESC");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Installation(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        });
    }

    /** Whether the bot ever created this label on the repository. */
    public boolean createdLabel(String repository, String name) {
        return db.inTransaction(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT 1 FROM repo_labels WHERE repository = ? AND lower(name) = lower(?)")) {
                s.setString(1, repository);
                s.setString(2, name);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    public void recordLabelCreated(long installationId, String repository, String name) {
        writes.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO repo_labels(installation_id, repository, name, created_at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING")) {
                s.setLong(1, installationId);
                s.setString(2, repository);
                s.setString(3, name);
                s.setString(4, Instant.now().toString());
                s.executeUpdate();
            }
            return null;
        });
    }

    public void recordLabelDeletedByMaintainer(String repository, String name) {
        writes.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE repo_labels SET deleted_by_maintainer = 1 WHERE repository = ? AND lower(name) = lower(?)")) {
                s.setString(1, repository);
                s.setString(2, name);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Labels a maintainer deleted after the bot created them: never created again, never added to a thread. */
    public java.util.Set<String> labelsDeletedByMaintainers(String repository) {
        return db.inTransaction(c -> {
            java.util.Set<String> out = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT name FROM repo_labels WHERE repository = ? AND deleted_by_maintainer = 1")) {
                s.setString(1, repository);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    public record Installation(long id, String account, String createdAt, String deletedAt) {}
}
