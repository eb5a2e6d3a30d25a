package dev.aisectriage.web;

import dev.aisectriage.catalogue.Catalogue;
import dev.aisectriage.catalogue.IssueType;
import dev.aisectriage.catalogue.Solution;
import dev.aisectriage.disclosure.OverdueReports;
import dev.aisectriage.disclosure.PrivateChannel;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.PermissionProblems;
import dev.aisectriage.store.PrivateReports;
import dev.aisectriage.store.SecurityTables;
import dev.aisectriage.store.ThreadAdvisories;
import dev.aisectriage.web.DashboardViews.ChannelRow;
import dev.aisectriage.web.DashboardViews.ContainedRow;
import dev.aisectriage.web.DashboardViews.PrivateReportRow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dashboard's part for security teams, read from the store: private reports (those waiting longer than the
 * reminder first), repositories without a private channel, contained threads and missing permissions. Private
 * reports are shown here and nowhere else.
 */
final class SecurityTeamData {

    private final SecurityTables tables;
    private final Catalogue catalogue;
    private final Duration reminder;
    private final Clock clock;

    SecurityTeamData(Database db, Catalogue catalogue, Duration reminder, Clock clock) {
        this.tables = SecurityTables.on(db, db::writeTransaction);
        this.catalogue = catalogue;
        this.reminder = reminder;
        this.clock = clock;
    }

    DashboardViews.Security view(int limit) {
        Instant now = clock.instant();
        Map<String, PrivateReports.Report> inTriage = tables.reports().inTriage().stream()
                .collect(Collectors.toMap(PrivateReports.Report::ghsaId, Function.identity(), (a, b) -> a));
        List<PrivateReportRow> waiting = OverdueReports.of(
                        inTriage.values().stream()
                                .map(r -> new OverdueReports.Seen(
                                        r.repository(), r.ghsaId(), r.htmlUrl(), r.reportedAt(), r.state()))
                                .toList(),
                        now,
                        reminder)
                .stream()
                .map(seen -> row(inTriage.get(seen.ghsaId()), now))
                .toList();
        return new DashboardViews.Security(
                reminder.toDays(),
                waiting,
                tables.reports().recent(limit).stream().map(r -> row(r, now)).toList(),
                tables.channels().all().stream()
                        .filter(c ->
                                PrivateChannel.Status.NO_PRIVATE_CHANNEL.label().equals(c.status()))
                        .map(c -> new ChannelRow(
                                c.repository(),
                                c.status(),
                                c.why() == null ? "" : c.why(),
                                DashboardData.second(c.checkedAt().toString())))
                        .toList(),
                tables.advisories().recent(limit).stream()
                        .map(SecurityTeamData::contained)
                        .toList(),
                tables.permissions().all().stream()
                        .map(PermissionProblems.Problem::line)
                        .toList());
    }

    private PrivateReportRow row(PrivateReports.Report r, Instant now) {
        String code = r.issueCodes() == null || r.issueCodes().isEmpty()
                ? ""
                : r.issueCodes().split(",")[0];
        return new PrivateReportRow(
                r.repository(),
                r.ghsaId(),
                r.htmlUrl() == null ? "" : r.htmlUrl(),
                DashboardData.themeSlug(r.primaryTheme()),
                code.isEmpty()
                        ? ""
                        : catalogue.issueType(code).map(IssueType::name).orElse(code),
                r.solutionIds() == null || r.solutionIds().isEmpty()
                        ? List.of()
                        : Arrays.stream(r.solutionIds().split(","))
                                .map(id -> catalogue
                                        .solution(id)
                                        .map(Solution::name)
                                        .orElse(id))
                                .toList(),
                DashboardData.second(r.reportedAt().toString()),
                Duration.between(r.reportedAt(), now).toDays(),
                r.state());
    }

    private static ContainedRow contained(ThreadAdvisories.Advisory a) {
        return new ContainedRow(
                a.thread().repository() + "#" + a.thread().number()
                        + ("discussion".equals(a.thread().kind()) ? " (discussion)" : ""),
                a.state().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                a.ghsaId() == null ? "" : a.ghsaId(),
                a.htmlUrl() == null ? "" : a.htmlUrl(),
                // a missing permission has its one line under "Missing permissions"
                a.problem() == null || a.state() == ThreadAdvisories.State.NOT_PERMITTED ? "" : a.problem());
    }
}
