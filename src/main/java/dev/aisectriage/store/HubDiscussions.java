package dev.aisectriage.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hugging Face Hub discussions the bot looked at (migration 3): the opening post and replies it classified, its
 * verdict and its one comment. Keyed by repository type, Hub path ({@code owner/name}, {@code datasets/owner/name},
 * …) and discussion number; the SQL is plain enough for SQLite and PostgreSQL alike.
 */
public final class HubDiscussions {

    private final Database db;
    private final Writes writes;
    private final Clock clock;
    private final HubReplies replies;

    public HubDiscussions(Database db, Writes writes, Clock clock) {
        this.db = db;
        this.writes = writes;
        this.clock = clock;
        this.replies = new HubReplies(db, writes, clock);
    }

    public HubDiscussions(Database db) {
        this(db, db::inTransaction, Clock.systemUTC());
    }

    /** Which discussion: the repository's type, its Hub path and the discussion number. */
    public record Key(String repoType, String repository, int num) {
        @Override
        public String toString() {
            return repository + "#" + num;
        }
    }

    /** Creates the row if needed and keeps its title and flags current. */
    public void recordDiscussion(Key key, String discussionId, String title, boolean pullRequest, boolean privateRepo) {
        writes.inTransaction(c -> {
            ensure(c, key);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE hub_discussions SET discussion_id = COALESCE(?, discussion_id), title = COALESCE(?, title), "
                            + "pull_request = ?, private_repo = ? WHERE repo_type = ? AND repository = ? AND num = ?")) {
                s.setString(1, discussionId);
                s.setString(2, title);
                s.setInt(3, pullRequest ? 1 : 0);
                s.setInt(4, privateRepo ? 1 : 0);
                key(s, key, 5);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The opening post (the comment sent with the discussion's creation, or a later edit of it). */
    public void recordOpening(Key key, String commentId, String text) {
        update(key, "opening_comment_id = ?, opening = ?", commentId, text);
        if (commentId != null) {
            replies.forget(key, commentId); // the opening post may have arrived as a comment event first
        }
    }

    /** A reply, or a new text of one. */
    public void recordReply(Key key, String commentId, String text) {
        replies.record(key, commentId, text);
    }

    /** The replies' texts, in the order they were first seen. */
    public List<String> replies(Key key) {
        return replies.of(key);
    }

    public void recordClassification(
            Key key, double securityProbability, String primaryTheme, String verdict, String modelVersion) {
        update(
                key,
                "security_probability = ?, primary_theme = ?, verdict = ?, model_version = ?, classified_at = ?",
                securityProbability,
                primaryTheme,
                verdict,
                modelVersion,
                clock.instant().toString());
    }

    /** The bot's comment on the discussion: its id (or a marker such as {@code deleted}) and the hash of its body. */
    public void recordComment(Key key, String commentId, String hash) {
        update(key, "comment_id = ?, comment_hash = ?", commentId, hash);
    }

    public Optional<HubDiscussion> find(Key key) {
        return db.inTransaction(c -> {
            try (PreparedStatement s =
                    c.prepareStatement(SELECT + " WHERE repo_type = ? AND repository = ? AND num = ?")) {
                key(s, key, 1);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The most recently classified discussions, newest first (for the dashboard). */
    public List<HubDiscussion> recent(int limit) {
        return db.inTransaction(c -> {
            List<HubDiscussion> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    SELECT + " WHERE classified_at IS NOT NULL ORDER BY classified_at DESC LIMIT ?")) {
                s.setInt(1, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
            }
            return out;
        });
    }

    private static final String SELECT = "SELECT repo_type, repository, num, title, opening_comment_id, opening, "
            + "pull_request, private_repo, security_probability, primary_theme, verdict, model_version, comment_id, "
            + "comment_hash, classified_at FROM hub_discussions";

    private static HubDiscussion row(ResultSet rs) throws SQLException {
        return new HubDiscussion(
                new Key(rs.getString(1), rs.getString(2), rs.getInt(3)),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getInt(7) == 1,
                rs.getInt(8) == 1,
                Rows.nullableDouble(rs, 9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                rs.getString(13),
                rs.getString(14),
                rs.getString(15));
    }

    private void update(Key key, String assignments, Object... values) {
        writes.inTransaction(c -> {
            ensure(c, key);
            try (PreparedStatement s = c.prepareStatement("UPDATE hub_discussions SET " + assignments
                    + " WHERE repo_type = ? AND repository = ? AND num = ?")) {
                for (int i = 0; i < values.length; i++) {
                    s.setObject(i + 1, values[i]);
                }
                key(s, key, values.length + 1);
                s.executeUpdate();
            }
            return null;
        });
    }

    static void ensure(Connection c, Key key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO hub_discussions(repo_type, repository, num) "
                + "VALUES (?, ?, ?) ON CONFLICT (repo_type, repository, num) DO NOTHING")) {
            key(s, key, 1);
            s.executeUpdate();
        }
    }

    static void key(PreparedStatement s, Key key, int from) throws SQLException {
        s.setString(from, key.repoType());
        s.setString(from + 1, key.repository());
        s.setInt(from + 2, key.num());
    }

    /**
     * One Hub discussion as stored.
     *
     * @param verdict {@code flagged}, {@code abstained}, {@code passed} or {@code ignored}
     * @param commentId the bot's comment, {@code deleted} when a maintainer deleted it, or null
     */
    public record HubDiscussion(
            Key key,
            String title,
            String openingCommentId,
            String opening,
            boolean pullRequest,
            boolean privateRepo,
            Double securityProbability,
            String primaryTheme,
            String verdict,
            String modelVersion,
            String commentId,
            String commentHash,
            String classifiedAt) {}
}
