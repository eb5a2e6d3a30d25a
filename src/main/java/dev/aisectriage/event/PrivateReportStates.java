package dev.aisectriage.event;

import dev.aisectriage.core.Daemons;
import dev.aisectriage.core.MissingPermission;
import dev.aisectriage.github.AdvisoriesInTriage;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.PrivateReports;
import dev.aisectriage.store.SecurityTables;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub sends no event when a maintainer accepts or rejects a private report, so the bot looks: for each repository
 * with reports still in {@code triage}, one list of its advisories in triage; a report missing from it was
 * acknowledged. Reads only, run now and then on a daemon; nothing without App credentials. A missing permission is one
 * line on the dashboard (and once in the log), not a retry.
 */
public final class PrivateReportStates implements AutoCloseable {

    public static final Duration PERIOD = Duration.ofHours(1);

    private static final Logger LOG = LoggerFactory.getLogger(PrivateReportStates.class);

    private final GitHubGateway github;
    private final PrivateReports reports;
    private final MissingPermissions permissions;
    private ScheduledExecutorService schedule;

    public PrivateReportStates(GitHubGateway github, SecurityTables tables, Clock clock) {
        this.github = github;
        this.reports = tables.reports();
        this.permissions = new MissingPermissions(tables.permissions(), clock);
    }

    /** @return how many reports were found acknowledged */
    public int refresh() {
        Map<String, List<PrivateReports.Report>> byRepository = new LinkedHashMap<>();
        for (PrivateReports.Report r : reports.inTriage()) {
            if (r.installationId() != null) {
                byRepository
                        .computeIfAbsent(r.repository(), k -> new ArrayList<>())
                        .add(r);
            }
        }
        int acknowledged = 0;
        for (List<PrivateReports.Report> waiting : byRepository.values()) {
            PrivateReports.Report first = waiting.get(0);
            Optional<AdvisoriesInTriage> listed = github.advisoriesInTriage(first.installationId(), first.repository());
            if (listed.isEmpty()) {
                return acknowledged;
            }
            if (listed.get() instanceof AdvisoriesInTriage.Listed l) {
                permissions.granted(first.repository(), MissingPermission.READ_REPORTS);
                for (PrivateReports.Report r : waiting) {
                    if (!l.partial() && !l.ghsaIds().contains(r.ghsaId())) {
                        reports.acknowledged(r.ghsaId());
                        acknowledged++;
                    }
                }
            } else if (listed.get() instanceof AdvisoriesInTriage.NotPermitted n) {
                permissions.met(first.installationId(), n.missing());
            } else if (listed.get() instanceof AdvisoriesInTriage.Unreadable u) {
                LOG.info("{}: its advisories could not be listed ({})", LogSafe.text(first.repository()), u.why());
            }
        }
        return acknowledged;
    }

    /** Refreshes now and then every {@code period}, on a daemon, until {@link #close()}. */
    public PrivateReportStates start(Duration period) {
        schedule = Daemons.every(
                "private-report-states",
                period,
                this::refreshAndSay,
                e -> LOG.warn("private reports: their states could not be refreshed ({})", LogSafe.text(e.toString())));
        return this;
    }

    private void refreshAndSay() {
        int n = refresh();
        if (n > 0) {
            LOG.info("private reports: {} acknowledged by maintainers since the last look", n);
        }
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }
}
