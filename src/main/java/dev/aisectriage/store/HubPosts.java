package dev.aisectriage.store;

import dev.aisectriage.core.ThreadRef.HubDiscussion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What the Hub's events tell of a discussion piece by piece, kept to read it as one post ({@code hub_posts},
 * migration 5): its title, its opening post (a comment the Hub sends with the discussion's creation, or before it),
 * whether it is a pull request, whether its repository is private. Its verdict, comment and replies are kept with
 * every other platform's threads ({@link Threads}).
 */
public record HubPosts(Database db, Writes writes) {

    /**
     * One Hub discussion as its events told it.
     *
     * @param openingCommentId the comment that is its opening post, or null before it arrived
     */
    public record HubPost(
            String title, String openingCommentId, String opening, boolean pullRequest, boolean privateRepo) {}

    /** Creates the row if needed and keeps its title and flags current. */
    public void recordDiscussion(
            HubDiscussion discussion, String discussionId, String title, boolean pullRequest, boolean privateRepo) {
        writes.inTransaction(c -> {
            ensure(c, discussion);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE hub_posts SET discussion_id = COALESCE(?, discussion_id), title = COALESCE(?, title), "
                            + "pull_request = ?, private_repo = ? WHERE repo_type = ? AND repository = ? AND num = ?")) {
                s.setString(1, discussionId);
                s.setString(2, title);
                s.setInt(3, pullRequest ? 1 : 0);
                s.setInt(4, privateRepo ? 1 : 0);
                key(s, discussion, 5);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The opening post (the comment sent with the discussion's creation, or a later edit of it). */
    public void recordOpening(HubDiscussion discussion, String commentId, String text) {
        writes.inTransaction(c -> {
            ensure(c, discussion);
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE hub_posts SET opening_comment_id = ?, opening = ? WHERE repo_type = ? AND repository = ? AND num = ?")) {
                s.setString(1, commentId);
                s.setString(2, text);
                key(s, discussion, 3);
                s.executeUpdate();
            }
            return null;
        });
    }

    public Optional<HubPost> find(HubDiscussion discussion) {
        return db.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT title, opening_comment_id, opening, pull_request, "
                    + "private_repo FROM hub_posts WHERE repo_type = ? AND repository = ? AND num = ?")) {
                key(s, discussion, 1);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new HubPost(
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getInt(4) == 1,
                                    rs.getInt(5) == 1))
                            : Optional.empty();
                }
            }
        });
    }

    private static void ensure(Connection c, HubDiscussion discussion) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO hub_posts(repo_type, repository, num) VALUES (?, ?, ?) "
                        + "ON CONFLICT (repo_type, repository, num) DO NOTHING")) {
            key(s, discussion, 1);
            s.executeUpdate();
        }
    }

    private static void key(PreparedStatement s, HubDiscussion discussion, int from) throws SQLException {
        s.setString(from, discussion.repoType());
        s.setString(from + 1, discussion.repository());
        s.setInt(from + 2, discussion.number());
    }
}
