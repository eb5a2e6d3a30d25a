package dev.aisectriage.web;

import dev.aisectriage.catalogue.Catalogue;
import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.catalogue.IssueType;
import dev.aisectriage.catalogue.Solution;
import dev.aisectriage.catalogue.SolutionMapping;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.store.Database;
import dev.aisectriage.web.DashboardViews.ActionRow;
import dev.aisectriage.web.DashboardViews.DayCount;
import dev.aisectriage.web.DashboardViews.HeatRow;
import dev.aisectriage.web.DashboardViews.Heatmap;
import dev.aisectriage.web.DashboardViews.RepoRow;
import dev.aisectriage.web.DashboardViews.ThreadRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The dashboard's read-only queries over the store's tables, each shaped for one part of a page. */
final class DashboardData {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Database db;
    private final Catalogue catalogue;
    private final SolutionMapping mapping;

    DashboardData(Database db) {
        this.db = db;
        this.catalogue = Catalogue.load();
        this.mapping = SolutionMapping.load();
    }

    /** Triaged, flagged and abstained threads per installation and repository. */
    List<RepoRow> repositories() {
        return query(
                "SELECT t.installation_id, a.account, t.repository, COUNT(*),"
                        + " SUM(CASE WHEN t.verdict = 'flagged' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN t.verdict = 'abstained' THEN 1 ELSE 0 END)"
                        + " FROM threads t LEFT JOIN app_installations a ON a.installation_id = t.installation_id"
                        + " WHERE t.verdict IS NOT NULL GROUP BY t.installation_id, a.account, t.repository"
                        + " ORDER BY COUNT(*) DESC, t.repository",
                List.of(),
                rs -> new RepoRow(
                        rs.getString(2) == null
                                ? String.valueOf(rs.getLong(1))
                                : rs.getString(2) + " (" + rs.getLong(1) + ")",
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6)));
    }

    /** Flagged threads per day over the last 30 days that have any. */
    List<DayCount> flaggedPerDay() {
        return query(
                "SELECT substr(classified_at, 1, 10) AS day, COUNT(*) FROM threads WHERE verdict = 'flagged'"
                        + " AND classified_at >= ? GROUP BY day ORDER BY day",
                List.of(Instant.now().minus(30, ChronoUnit.DAYS).toString().substring(0, 10)),
                rs -> new DayCount(rs.getString(1), rs.getLong(2)));
    }

    /**
     * The study's figure, live: for each flagged thread, its most likely issue type against the three solutions
     * the catalogue recommends first for that type.
     */
    Heatmap heatmap() {
        List<String> codes = query(
                "SELECT issue_codes FROM threads WHERE verdict = 'flagged' AND issue_codes IS NOT NULL"
                        + " AND issue_codes <> ''",
                List.of(),
                rs -> rs.getString(1).split(",")[0]);
        Map<String, Map<String, Long>> cells = new TreeMap<>();
        Map<String, Long> solutionTotals = new LinkedHashMap<>();
        for (String code : codes) {
            String type = catalogue.issueType(code).map(IssueType::name).orElse(code);
            for (SolutionMapping.Entry e :
                    mapping.forIssue(code).solutions().stream().limit(3).toList()) {
                String solution =
                        catalogue.solution(e.solutionId()).map(Solution::name).orElse(e.solutionId());
                cells.computeIfAbsent(type, k -> new LinkedHashMap<>()).merge(solution, 1L, Long::sum);
                solutionTotals.merge(solution, 1L, Long::sum);
            }
        }
        List<String> solutions = solutionTotals.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(Map.Entry::getKey)
                .toList();
        List<HeatRow> rows = new ArrayList<>();
        long max = 0;
        for (var row : cells.entrySet()) {
            List<Long> counts = solutions.stream()
                    .map(s -> row.getValue().getOrDefault(s, 0L))
                    .toList();
            max = Math.max(max, counts.stream().mapToLong(Long::longValue).max().orElse(0));
            rows.add(new HeatRow(row.getKey(), counts));
        }
        return new Heatmap(solutions, rows, max);
    }

    /** Classified threads, newest first, with the bot's latest comment rendered and the feedback they got. */
    List<ThreadRow> threads(int offset, int limit) {
        return query(
                "SELECT t.repository, t.kind, t.number, t.url, t.verdict, t.security_probability, t.primary_theme,"
                        + " t.issue_codes, t.classified_at, t.off,"
                        + " (SELECT detail FROM actions a WHERE a.repository = t.repository AND a.number = t.number"
                        + "   AND a.detail LIKE ? ORDER BY a.id DESC LIMIT 1),"
                        + " (SELECT " + (db.dialect() == Database.Dialect.POSTGRESQL ? "string_agg" : "group_concat")
                        + "(signal || COALESCE(' ' || theme, '') || ' by ' || COALESCE(actor, '?'), ', ') FROM feedback f WHERE f.repository = t.repository AND f.kind = t.kind"
                        + "   AND f.number = t.number)"
                        + " FROM threads t WHERE t.classified_at IS NOT NULL"
                        + " ORDER BY t.classified_at DESC, t.repository, t.number LIMIT ? OFFSET ?",
                List.of(CommentMarker.MARKER + "%", limit, offset),
                this::threadRow);
    }

    /** One row of {@link #threads}: the thread, its verdict, theme and issue type when flagged, the bot's comment. */
    private ThreadRow threadRow(ResultSet rs) throws java.sql.SQLException {
        String repository = rs.getString(1);
        boolean discussion = "discussion".equals(rs.getString(2));
        int number = rs.getInt(3);
        String verdict = rs.getString(5);
        boolean flagged = "flagged".equals(verdict);
        String url = rs.getString(4);
        String code = rs.getString(8) == null ? "" : rs.getString(8).split(",")[0];
        return new ThreadRow(
                repository + "#" + number + (discussion ? " (discussion)" : ""),
                url != null
                        ? url
                        : "https://github.com/" + repository + (discussion ? "/discussions/" : "/issues/") + number,
                verdict == null ? "" : verdict,
                rs.getObject(6) == null ? "" : String.format(Locale.ROOT, "%.2f", rs.getDouble(6)),
                flagged ? themeSlug(rs.getString(7)) : "",
                flagged && !code.isEmpty()
                        ? catalogue.issueType(code).map(IssueType::name).orElse(code)
                        : "",
                second(rs.getString(9)),
                CommentHtml.render(rs.getString(11)),
                rs.getString(12) == null ? "" : rs.getString(12),
                rs.getInt(10) == 1);
    }

    /** Writes to GitHub, sent and intended, newest first. */
    List<ActionRow> actions(int offset, int limit) {
        return query(
                "SELECT created_at, repository, number, action, detail, dry_run FROM actions"
                        + " ORDER BY id DESC LIMIT ? OFFSET ?",
                List.of(limit, offset),
                rs -> {
                    String detail = rs.getString(5);
                    boolean comment = detail != null && detail.contains(CommentMarker.MARKER);
                    return new ActionRow(
                            second(rs.getString(1)),
                            rs.getString(2) + (rs.getObject(3) == null ? "" : "#" + rs.getInt(3)),
                            rs.getString(4),
                            comment || rs.getString(4).contains("comment")
                                    ? CommentHtml.render(detail)
                                    : org.jsoup.nodes.Entities.escape(detail == null ? "" : detail),
                            rs.getInt(6) == 1);
                });
    }

    long feedbackCount() {
        return query("SELECT COUNT(*) FROM feedback", List.of(), rs -> rs.getLong(1))
                .get(0);
    }

    /** An ISO instant to the second, in UTC; other text as it is. */
    static String second(String iso) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        try {
            return SECONDS.format(Instant.parse(iso).truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeParseException e) {
            return iso.length() > 19 ? iso.substring(0, 19).replace('T', ' ') : iso;
        }
    }

    static String themeSlug(String stored) {
        if (stored == null) {
            return "";
        }
        try {
            return Theme.parse(stored).slug();
        } catch (IllegalArgumentException e) {
            return stored.toLowerCase(Locale.ROOT);
        }
    }

    private <T> List<T> query(String sql, List<Object> params, Row<T> row) {
        return db.inTransaction(c -> {
            List<T> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    s.setObject(i + 1, params.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(row.read(rs));
                    }
                }
            }
            return out;
        });
    }

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws java.sql.SQLException;
    }
}
