package dev.aisectriage.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The replies of a Hub discussion ({@code hub_discussion_comments}), kept to classify the discussion with them. */
final class HubReplies {

    private final Database db;
    private final Writes writes;
    private final Clock clock;

    HubReplies(Database db, Writes writes, Clock clock) {
        this.db = db;
        this.writes = writes;
        this.clock = clock;
    }

    void record(HubDiscussions.Key key, String commentId, String text) {
        writes.inTransaction(c -> {
            HubDiscussions.ensure(c, key);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO hub_discussion_comments(repo_type, repository, num, comment_id, body, first_seen) "
                            + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (repo_type, repository, num, comment_id) "
                            + "DO UPDATE SET body = excluded.body")) {
                HubDiscussions.key(s, key, 1);
                s.setString(4, commentId);
                s.setString(5, text);
                s.setLong(6, clock.millis());
                s.executeUpdate();
            }
            return null;
        });
    }

    /** The comment is not a reply (it is the opening post). */
    void forget(HubDiscussions.Key key, String commentId) {
        writes.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM hub_discussion_comments "
                    + "WHERE repo_type = ? AND repository = ? AND num = ? AND comment_id = ?")) {
                HubDiscussions.key(s, key, 1);
                s.setString(4, commentId);
                s.executeUpdate();
            }
            return null;
        });
    }

    /** In the order they were first seen. */
    List<String> of(HubDiscussions.Key key) {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT body FROM hub_discussion_comments WHERE repo_type = ? AND repository = ? AND num = ? "
                            + "ORDER BY first_seen, comment_id")) {
                HubDiscussions.key(s, key, 1);
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
