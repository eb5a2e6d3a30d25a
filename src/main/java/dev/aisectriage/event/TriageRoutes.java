package dev.aisectriage.event;

import dev.aisectriage.catalogue.Recommender;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.config.RepoConfigLoader;
import dev.aisectriage.core.InstallationChange;
import dev.aisectriage.core.LabelChange;
import dev.aisectriage.core.PostEvent;
import dev.aisectriage.core.Reply;
import dev.aisectriage.core.ThreadPort;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.disclosure.PrivateChannels;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.GitHubPayloads;
import dev.aisectriage.github.PrivateReport;
import dev.aisectriage.github.PushSummary;
import dev.aisectriage.huggingface.HubEvents;
import dev.aisectriage.huggingface.HubGateway;
import dev.aisectriage.huggingface.HubWebhookPayload;
import dev.aisectriage.store.Feedback;
import dev.aisectriage.store.Installations;
import dev.aisectriage.store.Threads;
import java.time.Clock;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Every event the bot acts on, GitHub's and the Hub's, in one table: the payload type a delivery is parsed into, the
 * handler, the keys ({@code event.action}) it runs for. Every handler reads neutral records, and the ones that triage
 * go through the one flow ({@link TriageThread}).
 */
public record TriageRoutes(Stores stores, Gateways gateways, Clock clock) {

    private static final PayloadType<InstallationChange> INSTALLATION = GitHubPayloads::installation;
    private static final PayloadType<PostEvent> POST = GitHubPayloads::post;
    private static final PayloadType<Reply> REPLY = GitHubPayloads::reply;
    private static final PayloadType<LabelChange> LABEL_CHANGE = GitHubPayloads::labelChange;
    private static final PayloadType<HubWebhookPayload> HUB = HubWebhookPayload::of;
    private static final PayloadType<PushSummary> PUSH = GitHubPayloads::push;
    private static final PayloadType<PrivateReport> PRIVATE_REPORT = GitHubPayloads::privateReport;

    /**
     * The platforms the handlers read from and write to.
     *
     * @param threads every platform's thread port (each platform's own, or its dry-run)
     */
    public record Gateways(GitHubGateway github, HubGateway hub, ThreadPort threads) {}

    /**
     * The one triage flow on these stores and gateways: a GitHub thread under its repository's config file, a Hub
     * discussion under the defaults.
     */
    public TriageThread triage(
            Classifier classifier, Renderers renderers, BiConsumer<ThreadRef, Prediction> onPrediction) {
        return triage(classifier, renderers, onPrediction, channels());
    }

    private TriageThread triage(
            Classifier classifier,
            Renderers renderers,
            BiConsumer<ThreadRef, Prediction> onPrediction,
            PrivateChannels channels) {
        GitHubGateway github = gateways.github();
        return new TriageThread(
                classifier,
                renderers,
                gateways.threads(),
                github,
                configs(new RepoConfigLoader(github, stores.configErrors(), clock)),
                stores.threads(),
                stores.installations(),
                onPrediction,
                stores.corrections(),
                new HeadStart(github, stores.threads(), clock),
                new ReportInPublic(
                        channels,
                        new DraftAdvisoryOnce(
                                github, stores.security().advisories(), stores.threads(), permissions(), clock)));
    }

    /** Each repository's private channel, kept in this process and recorded in the store. */
    private PrivateChannels channels() {
        return RecordedChannels.on(gateways.github(), stores.security().channels(), clock);
    }

    private MissingPermissions permissions() {
        return new MissingPermissions(stores.security().permissions(), clock);
    }

    /** A thread's repository config: a GitHub repository's file, the defaults for the Hub. */
    static Function<ThreadRef, RepoConfig> configs(RepoConfigLoader loader) {
        return ref -> ref instanceof ThreadRef.GitHubThread g
                ? loader.load(g.installationId(), g.repository())
                : RepoConfig.defaults();
    }

    /** The routing table. */
    public EventRoutes table(
            Classifier classifier, Renderers renderers, BiConsumer<ThreadRef, Prediction> onPrediction) {
        PrivateChannels channels = channels();
        TriageThread triage = triage(classifier, renderers, onPrediction, channels);
        Threads threads = stores.threads();
        Feedback feedback = stores.feedback();
        Installations installations = stores.installations();
        RepoConfigLoader configs = new RepoConfigLoader(gateways.github(), stores.configErrors(), clock);
        RecordCorrection corrections = RecordCorrection.of(triage, stores, classifier, renderers.github());
        ApplySlashCommand applySlashCommand =
                new ApplySlashCommand(triage, stores, classifier, renderers.github(), corrections);
        return new EventRoutes()
                .on(INSTALLATION, new RecordInstallation(installations), "installation.created")
                .on(
                        INSTALLATION,
                        new BootstrapLabels(gateways.github(), configs, installations),
                        "installation.created",
                        "installation_repositories.added")
                .on(INSTALLATION, new ForgetInstallation(stores), "installation.deleted")
                .on(
                        POST,
                        new TriagePost(triage),
                        "issues.opened",
                        "issues.edited",
                        "discussion.created",
                        "discussion.edited",
                        "pull_request.opened",
                        "pull_request.edited")
                .on(
                        REPLY,
                        applySlashCommand,
                        "issue_comment.created",
                        "issue_comment.edited",
                        "discussion_comment.created",
                        "discussion_comment.edited")
                .on(REPLY, new RetriageOnReply(triage, threads), "issue_comment.created", "discussion_comment.created")
                .on(
                        REPLY,
                        new HideRepeatedExploit(triage, stores, gateways.threads(), permissions()),
                        "issue_comment.created",
                        "issue_comment.edited",
                        "discussion_comment.created",
                        "discussion_comment.edited")
                .on(
                        LABEL_CHANGE,
                        new RecordLabelFeedback(triage, stores, corrections),
                        "issues.labeled",
                        "issues.unlabeled",
                        "discussion.labeled",
                        "discussion.unlabeled")
                .on(PUSH, new ForgetChannelOnPush(channels, stores.security().channels(), clock), "push")
                .on(
                        PRIVATE_REPORT,
                        new TriagePrivateReport(
                                classifier,
                                Recommender.withDefaults(),
                                stores.security().reports(),
                                clock),
                        "repository_advisory.reported")
                .on(
                        HUB,
                        new TriageHubDiscussion(triage, gateways.hub(), stores),
                        HubEvents.DISCUSSION + ".create",
                        HubEvents.DISCUSSION + ".update",
                        HubEvents.DISCUSSION_COMMENT + ".create",
                        HubEvents.DISCUSSION_COMMENT + ".update");
    }
}
