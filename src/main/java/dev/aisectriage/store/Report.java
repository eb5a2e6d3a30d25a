package dev.aisectriage.store;

import dev.aisectriage.core.Verdict;
import java.util.List;

/** What the dashboard shows of the store, read-only: counts and recent threads, each row a plain record. */
public final class Report {

    private static final String GITHUB_THREADS = "t.kind <> 'hub_discussion'";

    private final Database db;

    public Report(Database db) {
        this.db = db;
    }

    /** Triaged, flagged and abstained GitHub threads of one repository of one installation. */
    public record RepositoryCount(
            long installationId, String account, String repository, long triaged, long flagged, long abstained) {}

    public record DayCount(String day, long count) {}

    /**
     * A classified thread with the bot's latest comment and what people told of it.
     *
     * @param comment the text of the bot's latest comment, or null
     * @param feedback people's signals, {@code signal [theme] by actor}, comma-separated; null when none
     * @param heldBack what a maintainer did first during the bot's head start (the bot stayed silent); null otherwise
     */
    public record ThreadRow(
            String repository,
            String kind,
            int number,
            String url,
            Verdict verdict,
            Double securityProbability,
            String primaryTheme,
            String issueCodes,
            String classifiedAt,
            boolean off,
            String comment,
            String feedback,
            String heldBack) {}

    /** A classified Hub discussion. */
    public record HubRow(
            String repository,
            int number,
            boolean pullRequest,
            Verdict verdict,
            Double securityProbability,
            String primaryTheme,
            String classifiedAt) {}

    /** Per installation and repository, the most triaged first. */
    public List<RepositoryCount> repositories() {
        return query(
                "SELECT t.installation_id, a.account, t.repository, COUNT(*),"
                        + " SUM(CASE WHEN t.verdict = 'flagged' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN t.verdict = 'abstained' THEN 1 ELSE 0 END)"
                        + " FROM threads t LEFT JOIN app_installations a ON a.installation_id = t.installation_id"
                        + " WHERE t.verdict IS NOT NULL AND " + GITHUB_THREADS
                        + " GROUP BY t.installation_id, a.account, t.repository ORDER BY COUNT(*) DESC, t.repository",
                List.of(),
                rs -> new RepositoryCount(
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
    }

    /** Flagged GitHub threads per day ({@code yyyy-mm-dd}), from {@code since} on, the days that have any. */
    public List<DayCount> flaggedPerDay(String since) {
        return query(
                "SELECT substr(t.classified_at, 1, 10) AS day, COUNT(*) FROM threads t WHERE t.verdict = 'flagged'"
                        + " AND " + GITHUB_THREADS + " AND t.classified_at >= ? GROUP BY day ORDER BY day",
                List.of(since),
                rs -> new DayCount(rs.getString(1), rs.getLong(2)));
    }

    /** The most likely issue type of each flagged GitHub thread that has one. */
    public List<String> flaggedIssueTypes() {
        return query(
                "SELECT t.issue_codes FROM threads t WHERE t.verdict = 'flagged' AND t.issue_codes IS NOT NULL"
                        + " AND t.issue_codes <> '' AND " + GITHUB_THREADS,
                List.of(),
                rs -> rs.getString(1).split(",")[0]);
    }

    /**
     * Classified GitHub threads, newest first, with the bot's latest comment (an action whose detail starts with
     * {@code marker}) and people's feedback.
     */
    public List<ThreadRow> threads(String marker, int offset, int limit) {
        return query(
                "SELECT t.repository, t.kind, t.number, t.url, t.verdict, t.security_probability, t.primary_theme,"
                        + " t.issue_codes, t.classified_at, t.off,"
                        + " (SELECT detail FROM actions a WHERE a.repository = t.repository AND a.number = t.number"
                        + "   AND a.detail LIKE ? ORDER BY a.id DESC LIMIT 1),"
                        + " (SELECT " + (db.dialect() == Database.Dialect.POSTGRESQL ? "string_agg" : "group_concat")
                        + "(signal || COALESCE(' ' || theme, '') || ' by ' || COALESCE(actor, '?'), ', ')"
                        + "   FROM feedback f WHERE f.repository = t.repository AND f.kind = t.kind"
                        + "   AND f.number = t.number), t.held_back"
                        + " FROM threads t WHERE t.classified_at IS NOT NULL AND " + GITHUB_THREADS
                        + " ORDER BY t.classified_at DESC, t.repository, t.number LIMIT ? OFFSET ?",
                List.of(marker + "%", limit, offset),
                rs -> new ThreadRow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getString(4),
                        Verdict.parse(rs.getString(5)),
                        Rows.nullableDouble(rs, 6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getInt(10) == 1,
                        rs.getString(11),
                        rs.getString(12),
                        rs.getString(13)));
    }

    /** The Hub discussions classified last, newest first. */
    public List<HubRow> hubDiscussions(int limit) {
        return query(
                "SELECT t.repository, t.number, COALESCE(p.pull_request, 0), t.verdict, t.security_probability,"
                        + " t.primary_theme, t.classified_at FROM threads t"
                        + " LEFT JOIN hub_posts p ON p.repository = t.repository AND p.num = t.number"
                        + " WHERE t.kind = 'hub_discussion' AND t.classified_at IS NOT NULL"
                        + " ORDER BY t.classified_at DESC LIMIT ?",
                List.of(limit),
                rs -> new HubRow(
                        rs.getString(1),
                        rs.getInt(2),
                        rs.getInt(3) == 1,
                        Verdict.parse(rs.getString(4)),
                        Rows.nullableDouble(rs, 5),
                        rs.getString(6),
                        rs.getString(7)));
    }

    private <T> List<T> query(String sql, List<Object> params, Sql.Row<T> row) {
        return db.inTransaction(c -> Sql.query(c, sql, row, params.toArray()));
    }
}
