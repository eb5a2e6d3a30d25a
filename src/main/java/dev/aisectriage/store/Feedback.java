package dev.aisectriage.store;

import dev.aisectriage.classify.Theme;
import dev.aisectriage.core.ThreadRef;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What maintainers told the bot: labels removed or added against its verdict, and slash commands. One row per
 * delivery and signal, so a re-run job records nothing twice.
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

    /**
     * The latest word of people on each thread, joined with the thread's text, oldest thread first.
     * Threads whose text the bot never stored are left out.
     */
    public List<Item> latestPerThread() {
        return db.inTransaction(c -> {
            List<Item> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT f.repository, f.kind, f.number, t.url, t.text, f.is_security, f.theme, f.signal, f.actor, "
                                    + "f.created_at FROM feedback f JOIN threads t ON t.repository = f.repository "
                                    + "AND t.kind = f.kind AND t.number = f.number "
                                    + "WHERE f.id = (SELECT MAX(g.id) FROM feedback g WHERE g.repository = f.repository "
                                    + "AND g.kind = f.kind AND g.number = f.number) AND t.text IS NOT NULL ORDER BY f.id");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Item(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getInt(6) == 1,
                            rs.getString(7) == null ? null : Theme.valueOf(rs.getString(7)),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10)));
                }
            }
            return out;
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

    /**
     * One thread's feedback, ready for the shared JSONL format.
     *
     * @param kind the thread's kind as stored ({@code issue}, {@code discussion})
     */
    public record Item(
            String repository,
            String kind,
            int number,
            String url,
            String text,
            boolean isSecurity,
            Theme theme,
            String signal,
            String actor,
            String createdAt) {}
}
