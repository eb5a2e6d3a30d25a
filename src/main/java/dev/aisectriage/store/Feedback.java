package dev.aisectriage.store;

import dev.aisectriage.classify.Theme;
import dev.aisectriage.core.ThreadRef;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;

/**
 * What maintainers told the bot: labels removed or added against its verdict, and slash commands. One row per
 * delivery and signal, so a re-run job records nothing twice. Each thread's latest word is its correction
 * ({@link Corrections}), which {@code export-feedback} writes.
 */
public record Feedback(Database db, Writes writes) {

    public static final String FALSE_POSITIVE = "false_positive";
    public static final String FALSE_NEGATIVE = "false_negative";
    public static final String NOT_SECURITY = "not_security";
    public static final String THEME = "theme";

    /** @return false when this delivery already recorded this signal */
    public boolean record(
            String deliveryId, ThreadRef ref, String signal, boolean isSecurity, Theme theme, String actor) {
        return writes.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO feedback(delivery_id, installation_id, repository, kind, number, signal, "
                            + "is_security, theme, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                s.setString(1, deliveryId);
                s.setObject(2, ref instanceof ThreadRef.GitHubThread g ? g.installationId() : null);
                s.setString(3, ref.repository());
                s.setString(4, ref.kind());
                s.setInt(5, ref.number());
                s.setString(6, signal);
                s.setInt(7, isSecurity ? 1 : 0);
                s.setString(8, theme == null ? null : theme.name());
                s.setString(9, actor);
                s.setString(10, Instant.now().toString());
                return s.executeUpdate() == 1;
            }
        });
    }

    public int count() {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM feedback")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    public int forgetInstallation(long installationId) {
        return writes.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM feedback WHERE installation_id = ?")) {
                s.setLong(1, installationId);
                return s.executeUpdate();
            }
        });
    }
}
