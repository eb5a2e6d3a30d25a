package dev.aisectriage.event;

import static dev.aisectriage.event.GitHubPayloads.DISCUSSION;
import static dev.aisectriage.event.GitHubPayloads.DISCUSSION_COMMENT;
import static dev.aisectriage.event.GitHubPayloads.INSTALLATION;
import static dev.aisectriage.event.GitHubPayloads.INSTALLATION_REPOSITORIES;
import static dev.aisectriage.event.GitHubPayloads.ISSUES;
import static dev.aisectriage.event.GitHubPayloads.ISSUE_COMMENT;
import static dev.aisectriage.event.GitHubPayloads.PULL_REQUEST;

import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.config.RepoConfigLoader;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.store.ConfigErrors;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Feedback;
import dev.aisectriage.store.Installations;
import dev.aisectriage.store.Retention;
import dev.aisectriage.store.Threads;
import dev.aisectriage.store.Writes;
import java.time.Clock;
import java.util.function.Consumer;

/** Every GitHub event the bot acts on, in one table: the key, the payload type it is parsed into, the handler. */
public final class TriageRoutes {

    private final Database db;
    private final GitHubGateway gateway;
    private final Classifier classifier;
    private final CommentRenderer renderer;
    private final Clock clock;
    private final Writes writes;
    private final Retention retention;
    private Consumer<Prediction> onPrediction = p -> {};

    /**
     * @param writes where write transactions run: {@code db::inTransaction}, or the serial writer the job queue uses
     */
    public TriageRoutes(
            Database db,
            Writes writes,
            GitHubGateway gateway,
            Classifier classifier,
            CommentRenderer renderer,
            Clock clock,
            Retention retention) {
        this.db = db;
        this.retention = retention;
        this.writes = writes;
        this.gateway = gateway;
        this.classifier = classifier;
        this.renderer = renderer;
        this.clock = clock;
    }

    /** Called with every prediction made for a thread (for example, to count predictions by theme in the metrics). */
    public TriageRoutes onPrediction(Consumer<Prediction> listener) {
        this.onPrediction = listener;
        return this;
    }

    /** A new table with the bot's routes. */
    public EventRoutes routes() {
        return registerOn(new EventRoutes());
    }

    /** Adds the bot's routes to an existing table (one the intake also registers on). */
    public EventRoutes registerOn(EventRoutes routes) {
        Threads threads = new Threads(db, writes);
        Feedback feedback = new Feedback(db, writes);
        Installations installations = new Installations(db, writes);
        RepoConfigLoader configs = new RepoConfigLoader(gateway, new ConfigErrors(db, writes), clock);
        TriageThread triage =
                new TriageThread(classifier, renderer, gateway, configs, threads, installations, onPrediction);

        TriageOpenedOrEdited triageIssue = new TriageOpenedOrEdited(triage);
        TriagePullRequest triagePullRequest = new TriagePullRequest(triage);
        RetriageOnReply retriageOnReply = new RetriageOnReply(triage, threads);
        ApplySlashCommand applySlashCommand = new ApplySlashCommand(triage, threads, feedback, classifier, renderer);
        BootstrapLabels bootstrapLabels = new BootstrapLabels(gateway, configs, installations);
        RecordFeedbackOnUnlabeled recordFeedbackOnUnlabeled = new RecordFeedbackOnUnlabeled(triage, threads, feedback);
        RecordFalseNegativeOnLabeled recordFalseNegative = new RecordFalseNegativeOnLabeled(triage, threads, feedback);

        return routes.on("installation.created", INSTALLATION, new RecordInstallation(installations))
                .on("installation.created", INSTALLATION, bootstrapLabels::installed)
                .on("installation_repositories.added", INSTALLATION_REPOSITORIES, bootstrapLabels::added)
                .on(
                        "installation.deleted",
                        INSTALLATION,
                        new ForgetInstallation(threads, feedback, installations, retention))
                .on("issues.opened", ISSUES, triageIssue::issue)
                .on("issues.edited", ISSUES, triageIssue::issue)
                .on("discussion.created", DISCUSSION, triageIssue::discussion)
                .on("discussion.edited", DISCUSSION, triageIssue::discussion)
                .on("pull_request.opened", PULL_REQUEST, triagePullRequest)
                .on("pull_request.edited", PULL_REQUEST, triagePullRequest)
                .on("issue_comment.created", ISSUE_COMMENT, applySlashCommand::issueComment)
                .on("issue_comment.created", ISSUE_COMMENT, retriageOnReply::issueComment)
                .on("issue_comment.edited", ISSUE_COMMENT, applySlashCommand::issueComment)
                .on("discussion_comment.created", DISCUSSION_COMMENT, applySlashCommand::discussionComment)
                .on("discussion_comment.created", DISCUSSION_COMMENT, retriageOnReply::discussionComment)
                .on("discussion_comment.edited", DISCUSSION_COMMENT, applySlashCommand::discussionComment)
                .on("issues.unlabeled", ISSUES, recordFeedbackOnUnlabeled::issue)
                .on("discussion.unlabeled", DISCUSSION, recordFeedbackOnUnlabeled::discussion)
                .on("issues.labeled", ISSUES, recordFalseNegative::issue)
                .on("discussion.labeled", DISCUSSION, recordFalseNegative::discussion);
    }
}
