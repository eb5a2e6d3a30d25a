package dev.aisectriage.store;

import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.Verdict;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL the thread tables share: a thread's key columns, its row made on first write, rows read back. */
final class ThreadRows {

    /** The columns {@link #state} reads, in its order. */
    static final String SELECT = "SELECT installation_id, repository, kind, number, node_id, url, text, "
            + "security_probability, primary_theme, verdict, issue_codes, model_version, comment_id, comment_hash, "
            + "off, classified_at, held_back FROM threads ";

    static final String KEY = "repository = ? AND kind = ? AND number = ?";

    private ThreadRows() {}

    /** The thread's row, made with its key only if it does not exist yet. */
    static void ensure(Connection c, ThreadRef ref) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO threads(installation_id, repository, kind, number, node_id) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")) {
            s.setObject(1, ref instanceof ThreadRef.GitHubThread g ? g.installationId() : null);
            key(s, ref, 2);
            s.setString(5, ref instanceof ThreadRef.GitHubThread g ? g.nodeId() : null);
            s.executeUpdate();
        }
    }

    /** Sets the three {@link #KEY} parameters from parameter {@code from} on. */
    static void key(PreparedStatement s, ThreadRef ref, int from) throws SQLException {
        s.setString(from, ref.repository());
        s.setString(from + 1, ref.kind());
        s.setInt(from + 2, ref.number());
    }

    static Optional<Threads.ThreadState> find(Connection c, ThreadRef ref) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SELECT + "WHERE " + KEY)) {
            key(s, ref, 1);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(state(rs)) : Optional.empty();
            }
        }
    }

    static List<Threads.ThreadState> recent(Connection c, int limit) throws SQLException {
        List<Threads.ThreadState> out = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement(SELECT + "WHERE classified_at IS NOT NULL ORDER BY classified_at DESC LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(state(rs));
                }
            }
        }
        return out;
    }

    private static Threads.ThreadState state(ResultSet rs) throws SQLException {
        return new Threads.ThreadState(
                ThreadRef.of(Rows.nullableLong(rs, 1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)),
                rs.getString(6),
                rs.getString(7),
                Rows.nullableDouble(rs, 8),
                rs.getString(9),
                Verdict.parse(rs.getString(10)),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                rs.getInt(15) == 1,
                rs.getString(16),
                rs.getString(17));
    }
}
