package dev.aisectriage.web;

import dev.aisectriage.catalogue.Catalogue;
import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.catalogue.IssueType;
import dev.aisectriage.catalogue.Solution;
import dev.aisectriage.catalogue.SolutionMapping;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.core.Verdict;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Feedback;
import dev.aisectriage.store.Report;
import dev.aisectriage.web.DashboardViews.ActionRow;
import dev.aisectriage.web.DashboardViews.DayCount;
import dev.aisectriage.web.DashboardViews.HeatRow;
import dev.aisectriage.web.DashboardViews.Heatmap;
import dev.aisectriage.web.DashboardViews.HubRow;
import dev.aisectriage.web.DashboardViews.RepoRow;
import dev.aisectriage.web.DashboardViews.ThreadRow;
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
import org.jsoup.nodes.Entities;

/** What the dashboard's pages show, read from the store ({@link Report}) and shaped for one part of a page. */
final class DashboardData {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Report report;
    private final Actions actions;
    private final Feedback feedback;
    private final Catalogue catalogue;
    private final SolutionMapping mapping;

    DashboardData(Database db) {
        this.report = new Report(db);
        this.actions = new Actions(db, db::writeTransaction);
        this.feedback = new Feedback(db, db::writeTransaction);
        this.catalogue = Catalogue.load();
        this.mapping = SolutionMapping.load();
    }

    /** Triaged, flagged and abstained threads per installation and repository. */
    List<RepoRow> repositories() {
        return report.repositories().stream()
                .map(r -> new RepoRow(
                        r.account() == null
                                ? String.valueOf(r.installationId())
                                : r.account() + " (" + r.installationId() + ")",
                        r.repository(),
                        r.triaged(),
                        r.flagged(),
                        r.abstained()))
                .toList();
    }

    /** Flagged threads per day over the last 30 days that have any. */
    List<DayCount> flaggedPerDay() {
        return report
                .flaggedPerDay(
                        Instant.now().minus(30, ChronoUnit.DAYS).toString().substring(0, 10))
                .stream()
                .map(d -> new DayCount(d.day(), d.count()))
                .toList();
    }

    /**
     * The study's figure, live: for each flagged thread, its most likely issue type against the three solutions
     * the catalogue recommends first for that type.
     */
    Heatmap heatmap() {
        List<String> codes = report.flaggedIssueTypes();
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
        return report.threads(CommentMarker.MARKER, offset, limit).stream()
                .map(this::threadRow)
                .toList();
    }

    /** One row of {@link #threads}: the thread, its verdict, theme and issue type when flagged, the bot's comment. */
    private ThreadRow threadRow(Report.ThreadRow t) {
        boolean discussion = "discussion".equals(t.kind());
        boolean flagged = t.verdict() == Verdict.FLAGGED;
        String code = t.issueCodes() == null ? "" : t.issueCodes().split(",")[0];
        return new ThreadRow(
                t.repository() + "#" + t.number() + (discussion ? " (discussion)" : ""),
                t.url() != null
                        ? t.url()
                        : "https://github.com/" + t.repository() + (discussion ? "/discussions/" : "/issues/")
                                + t.number(),
                t.verdict() == null ? "" : t.verdict().label(),
                t.securityProbability() == null ? "" : String.format(Locale.ROOT, "%.2f", t.securityProbability()),
                flagged ? themeSlug(t.primaryTheme()) : "",
                flagged && !code.isEmpty()
                        ? catalogue.issueType(code).map(IssueType::name).orElse(code)
                        : "",
                second(t.classifiedAt()),
                CommentHtml.render(t.comment()),
                t.feedback() == null ? "" : t.feedback(),
                t.off(),
                t.heldBack());
    }

    /** Writes to GitHub and the Hub, sent and intended, newest first. */
    List<ActionRow> actions(int offset, int limit) {
        return actions.recent(offset, limit).stream()
                .map(a -> {
                    String detail = a.detail();
                    boolean comment = detail != null && detail.contains(CommentMarker.MARKER);
                    return new ActionRow(
                            second(a.createdAt()),
                            a.repository() + (a.number() == null ? "" : "#" + a.number()),
                            a.action(),
                            comment || a.action().contains("comment")
                                    ? CommentHtml.render(detail)
                                    : Entities.escape(detail == null ? "" : detail),
                            a.dryRun());
                })
                .toList();
    }

    /** The Hub discussions the bot classified, newest first. */
    List<HubRow> hubDiscussions(int limit) {
        return report.hubDiscussions(limit).stream()
                .map(d -> new HubRow(
                        d.repository() + "#" + d.number() + (d.pullRequest() ? " (pull request)" : ""),
                        d.verdict() == null ? "" : d.verdict().label(),
                        d.securityProbability() == null
                                ? ""
                                : String.format(Locale.ROOT, "%.2f", d.securityProbability()),
                        d.verdict() == Verdict.FLAGGED ? themeSlug(d.primaryTheme()) : "",
                        second(d.classifiedAt())))
                .toList();
    }

    /** The catalogue the pages name issue types and solutions from. */
    Catalogue catalogue() {
        return catalogue;
    }

    long feedbackCount() {
        return feedback.count();
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
}
