package dev.aisectriage.event;

import dev.aisectriage.catalogue.Recommendation;
import dev.aisectriage.catalogue.SolutionRecommender;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import dev.aisectriage.github.PrivateReport;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.PrivateReports;
import java.time.Clock;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code repository_advisory.reported}: a vulnerability reported privately, classified with the same classifier and
 * catalogue as a public post and kept for the dashboard only (theme, issue types, the mitigations, a link to the
 * advisory). Nothing is posted, labelled or sent: not a single request goes to GitHub, not even for the repository's
 * config, and neither the report's text nor its title is stored or logged.
 */
public final class TriagePrivateReport implements PayloadHandler<PrivateReport> {

    private static final Logger LOG = LoggerFactory.getLogger(TriagePrivateReport.class);
    private static final int MITIGATIONS = 3;

    private final Classifier classifier;
    private final SolutionRecommender recommender;
    private final PrivateReports reports;
    private final Clock clock;

    public TriagePrivateReport(
            Classifier classifier, SolutionRecommender recommender, PrivateReports reports, Clock clock) {
        this.classifier = classifier;
        this.recommender = recommender;
        this.reports = reports;
        this.clock = clock;
    }

    @Override
    public void handle(Delivery delivery, PrivateReport report, Lease lease) {
        if (!report.reported()) {
            return;
        }
        PrivateReport.Advisory advisory = report.repositoryAdvisory();
        Prediction p = classifier.classify(report.text());
        reports.record(
                new PrivateReports.Report(
                        advisory.ghsaId(),
                        report.installation() == null
                                ? null
                                : report.installation().id(),
                        report.repository().fullName(),
                        advisory.htmlUrl(),
                        report.reportedAt(),
                        advisory.state() == null ? "triage" : advisory.state(),
                        p.securityProbability(),
                        p.primaryTheme().name(),
                        p.issueTypes().stream()
                                .sorted(Comparator.comparingDouble(Prediction.IssueTypeScore::probability)
                                        .reversed())
                                .map(Prediction.IssueTypeScore::id)
                                .collect(Collectors.joining(",")),
                        recommender.recommend(p, MITIGATIONS).stream()
                                .map(Recommendation::solutionId)
                                .collect(Collectors.joining(",")),
                        p.modelVersion()),
                clock.instant());
        LOG.info(
                "{}: private report {} classified for the dashboard (theme {}, p={})",
                LogSafe.text(report.repository().fullName()),
                LogSafe.text(advisory.ghsaId()),
                p.primaryTheme().slug(),
                String.format(Locale.ROOT, "%.3f", p.securityProbability()));
    }
}
