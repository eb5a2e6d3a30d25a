package dev.aisectriage.store;

import dev.aisectriage.core.ThreadRef;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Replies by people on a thread ({@code thread_comments}), kept to classify the thread again with them. */
final class ThreadReplies {

    private final Database db;
    private final Writes writes;

    ThreadReplies(Database db, Writes writes) {
        this.db = db;
        this.writes = writes;
    }

    /** A new reply, or a new text of one: it keeps its place in the order. */
    void add(ThreadRef ref, String commentId, String body) {
        writes.inTransaction(c -> {
            ThreadRows.ensure(c, ref);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO thread_comments(repository, kind, number, comment_id, body) VALUES (?, ?, ?, ?, ?) "
                            + "ON CONFLICT (repository, kind, number, comment_id) DO UPDATE SET body = excluded.body")) {
                ThreadRows.key(s, ref, 1);
                s.setString(4, commentId);
                s.setString(5, body);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The reply is not one (the Hub's opening post may arrive as a comment first). */
    void forget(ThreadRef ref, String commentId) {
        writes.inTransaction(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("DELETE FROM thread_comments WHERE " + ThreadRows.KEY + " AND comment_id = ?")) {
                ThreadRows.key(s, ref, 1);
                s.setString(4, commentId);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** Whether the comment is one of the thread's replies kept to classify it. */
    boolean has(ThreadRef ref, String commentId) {
        return db.inTransaction(c -> !Sql.query(
                        c,
                        "SELECT 1 FROM thread_comments WHERE " + ThreadRows.KEY + " AND comment_id = ?",
                        rs -> true,
                        ref.repository(),
                        ref.kind(),
                        ref.number(),
                        commentId)
                .isEmpty());
    }

    /** Oldest first. */
    List<String> of(ThreadRef ref) {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM thread_comments WHERE " + ThreadRows.KEY
                    + " ORDER BY " + (db.dialect() == Database.Dialect.SQLITE ? "rowid" : "seq"))) {
                ThreadRows.key(s, ref, 1);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }
}
