package dev.aisectriage.store;

import dev.aisectriage.classify.Prediction;
import dev.aisectriage.core.ThreadRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the bot knows about each thread: its last classification, its one comment, the labels it added, the labels
 * people removed, replies by people, and the off switch. Every write is an upsert, so a re-run job can repeat it.
 */
public final class Threads {

    private static final String PENDING_COMMENT = "pending:";

    private final Database db;
    private final Writes writes;

    public Threads(Database db) {
        this(db, db::writeTransaction);
    }

    public Threads(Database db, Writes writes) {
        this.db = db;
        this.writes = writes;
    }

    public Optional<ThreadState> find(ThreadRef ref) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT installation_id, repository, kind, number, node_id, url, text, security_probability, "
                            + "primary_theme, verdict, issue_codes, model_version, comment_id, comment_hash, off, "
                            + "classified_at FROM threads WHERE repository = ? AND kind = ? AND number = ?")) {
                key(s, ref, 1);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(state(rs)) : Optional.<ThreadState>empty();
                }
            }
        });
    }

    public void recordClassification(ThreadRef ref, String url, String text, Prediction p, String verdict) {
        writes.inTransaction(c -> {
            ensure(c, ref);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE threads SET url = ?, text = ?, security_probability = ?, primary_theme = ?, verdict = ?, "
                            + "issue_codes = ?, model_version = ?, classified_at = ?, installation_id = ?, "
                            + "node_id = COALESCE(?, node_id) WHERE repository = ? AND kind = ? AND number = ?")) {
                s.setString(1, url);
                s.setString(2, text);
                s.setDouble(3, p.securityProbability());
                s.setString(4, p.primaryTheme().name());
                s.setString(5, verdict);
                s.setString(
                        6,
                        String.join(
                                ",",
                                p.issueTypes().stream()
                                        .map(Prediction.IssueTypeScore::id)
                                        .toList()));
                s.setString(7, p.modelVersion());
                s.setString(8, Instant.now().toString());
                s.setLong(9, ref.installationId());
                s.setString(10, ref.nodeId());
                key(s, ref, 11);
                s.executeUpdate();
            }
            return null;
        });
    }

    public void recordComment(ThreadRef ref, String commentId, String contentHash) {
        update(ref, "comment_id = ?, comment_hash = ?", commentId, contentHash);
    }

    /** A comment id that says "being created by {@code holder}": the slot is taken before the POST. */
    public static String pendingComment(String holder) {
        return PENDING_COMMENT + holder;
    }

    public static boolean isPendingComment(String commentId) {
        return commentId != null && commentId.startsWith(PENDING_COMMENT);
    }

    /**
     * Reserves the thread's one comment slot before the comment is created: true if the slot was free (or held by
     * {@code previous}, a reservation whose creator died before it recorded the id), false if another writer holds
     * it or a comment is already recorded. With the thread's lease this makes "create" happen at most once.
     */
    public boolean reserveComment(ThreadRef ref, String reservation, String previous) {
        return writes.inTransaction(c -> {
            ensure(c, ref);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE threads SET comment_id = ?, comment_hash = NULL WHERE repository = ? AND kind = ? "
                            + "AND number = ? AND (comment_id IS NULL OR comment_id = ?)")) {
                s.setString(1, reservation);
                key(s, ref, 2);
                s.setString(5, previous);
                return s.executeUpdate() == 1;
            }
        });
    }

    public void setOff(ThreadRef ref, boolean off) {
        update(ref, "off = ?", off ? 1 : 0);
    }

    /** A reply by a person, kept to classify the thread again with it. */
    public void addReply(ThreadRef ref, String commentId, String body) {
        writes.inTransaction(c -> {
            ensure(c, ref);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO thread_comments(repository, kind, number, comment_id, body) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT DO NOTHING")) {
                key(s, ref, 1);
                s.setString(4, commentId);
                s.setString(5, body);
                s.executeUpdate();
            }
            return null;
        });
    }

    public List<String> replies(ThreadRef ref) {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT body FROM thread_comments WHERE repository = ? AND kind = ? AND number = ? ORDER BY "
                            + (db.dialect() == Database.Dialect.SQLITE ? "rowid" : "seq"))) {
                key(s, ref, 1);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    public void recordLabelsAdded(ThreadRef ref, Collection<String> labels) {
        labelFlag(ref, labels, "added_by_bot");
    }

    public void recordLabelRemovedByHuman(ThreadRef ref, String label) {
        labelFlag(ref, List.of(label), "removed_by_human");
    }

    public Set<String> labelsAddedByBot(ThreadRef ref) {
        return labels(ref, "added_by_bot");
    }

    public Set<String> labelsRemovedByHumans(ThreadRef ref) {
        return labels(ref, "removed_by_human");
    }

    public List<ThreadState> recent(int limit) {
        return db.inTransaction(c -> {
            List<ThreadState> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT installation_id, repository, kind, number, node_id, url, text, security_probability, "
                            + "primary_theme, verdict, issue_codes, model_version, comment_id, comment_hash, off, "
                            + "classified_at FROM threads WHERE classified_at IS NOT NULL ORDER BY classified_at DESC LIMIT ?")) {
                s.setInt(1, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(state(rs));
                    }
                }
            }
            return out;
        });
    }

    /** Uninstall: the threads' texts, replies and label memory of the installation go. */
    public int forgetInstallation(long installationId) {
        return writes.inTransaction(c -> {
            for (String table : List.of("thread_comments", "thread_labels")) {
                try (PreparedStatement s =
                        c.prepareStatement("DELETE FROM " + table + " WHERE (repository, kind, number) IN "
                                + "(SELECT repository, kind, number FROM threads WHERE installation_id = ?)")) {
                    s.setLong(1, installationId);
                    s.executeUpdate();
                }
            }
            // the App was uninstalled: what it did or would have done there is not shown any more
            try (PreparedStatement s = c.prepareStatement("DELETE FROM actions WHERE installation_id = ?")) {
                s.setLong(1, installationId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM threads WHERE installation_id = ?")) {
                s.setLong(1, installationId);
                return s.executeUpdate();
            }
        });
    }

    private void labelFlag(ThreadRef ref, Collection<String> labels, String column) {
        writes.inTransaction(c -> {
            ensure(c, ref);
            for (String label : labels) {
                try (PreparedStatement s =
                        c.prepareStatement("INSERT INTO thread_labels(repository, kind, number, label, " + column
                                + ") VALUES (?, ?, ?, ?, 1) "
                                + "ON CONFLICT(repository, kind, number, label) DO UPDATE SET " + column + " = 1")) {
                    key(s, ref, 1);
                    s.setString(4, label);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    private Set<String> labels(ThreadRef ref, String column) {
        return db.inTransaction(c -> {
            Set<String> out = new LinkedHashSet<>();
            try (PreparedStatement s =
                    c.prepareStatement("SELECT label FROM thread_labels WHERE repository = ? AND kind = ? "
                            + "AND number = ? AND " + column + " = 1")) {
                key(s, ref, 1);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    private void update(ThreadRef ref, String assignments, Object... values) {
        writes.inTransaction(c -> {
            ensure(c, ref);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE threads SET " + assignments + " WHERE repository = ? AND kind = ? AND number = ?")) {
                for (int i = 0; i < values.length; i++) {
                    s.setObject(i + 1, values[i]);
                }
                key(s, ref, values.length + 1);
                s.executeUpdate();
            }
            return null;
        });
    }

    private static void ensure(Connection c, ThreadRef ref) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO threads(installation_id, repository, kind, number, node_id) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT DO NOTHING")) {
            s.setLong(1, ref.installationId());
            key(s, ref, 2);
            s.setString(5, ref.nodeId());
            s.executeUpdate();
        }
    }

    private static void key(PreparedStatement s, ThreadRef ref, int from) throws SQLException {
        s.setString(from, ref.repository());
        s.setString(from + 1, ref.kind().dbName());
        s.setInt(from + 2, ref.number());
    }

    private static ThreadState state(ResultSet rs) throws SQLException {
        return new ThreadState(
                new ThreadRef(
                        rs.getLong(1),
                        rs.getString(2),
                        ThreadRef.Kind.fromDb(rs.getString(3)),
                        rs.getInt(4),
                        rs.getString(5)),
                rs.getString(6),
                rs.getString(7),
                Rows.nullableDouble(rs, 8),
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                rs.getInt(15) == 1,
                rs.getString(16));
    }

    /**
     * One thread as stored.
     *
     * @param verdict {@code flagged}, {@code abstained} (needs triage), {@code passed} or {@code ignored}
     */
    public record ThreadState(
            ThreadRef ref,
            String url,
            String text,
            Double securityProbability,
            String primaryTheme,
            String verdict,
            String issueCodes,
            String modelVersion,
            String commentId,
            String commentHash,
            boolean off,
            String classifiedAt) {

        public boolean flagged() {
            return "flagged".equals(verdict);
        }
    }
}
