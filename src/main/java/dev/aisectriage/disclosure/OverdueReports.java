package dev.aisectriage.disclosure;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The privately reported vulnerabilities nobody has acknowledged after {@code ADVISORY_REMINDER_DAYS}: still in
 * GitHub's {@code triage} state (a maintainer accepting a report moves it to {@code draft}, rejecting it to
 * {@code closed}), reported that long ago or longer, oldest first.
 */
public final class OverdueReports {

    public static final Duration DEFAULT_REMINDER = Duration.ofDays(7);

    /** A report as last seen: from its delivery, its state refreshed from GitHub. */
    public record Seen(String repository, String ghsaId, String htmlUrl, Instant reportedAt, String state) {}

    private OverdueReports() {}

    public static List<Seen> of(Collection<Seen> reports, Instant now, Duration after) {
        Instant due = now.minus(after);
        return reports.stream()
                .filter(r -> "triage".equals(r.state()))
                .filter(r -> !r.reportedAt().isAfter(due))
                .sorted(Comparator.comparing(Seen::reportedAt).thenComparing(Seen::ghsaId))
                .toList();
    }
}
