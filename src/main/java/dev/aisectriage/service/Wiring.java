package dev.aisectriage.service;

import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.catalogue.HubCommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.config.HubConfig;
import dev.aisectriage.core.DryRunThreads;
import dev.aisectriage.core.Platforms;
import dev.aisectriage.core.ThreadPort;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.event.Renderers;
import dev.aisectriage.event.Stores;
import dev.aisectriage.event.TriageRoutes;
import dev.aisectriage.github.GitHubApp;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.huggingface.ApiHubGateway;
import dev.aisectriage.huggingface.HubGateway;
import dev.aisectriage.queue.JobQueries;
import dev.aisectriage.queue.JobQueue;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.Retention;
import dev.aisectriage.store.SerialWriter;
import dev.aisectriage.store.Writes;
import dev.aisectriage.web.TriageMetrics;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything a service is made of below its web server and workers, built once from the configuration and an open
 * store: the serial writer every write transaction goes through, the intake's deliveries, the job queue, retention,
 * the metrics and the two platforms' gateways (live with their credentials, dry-run otherwise). {@link #triage}
 * builds the bot's routing table on them.
 */
public record Wiring(
        AppConfig config,
        Database db,
        SerialWriter writer,
        Clock clock,
        TriageMetrics metrics,
        Deliveries deliveries,
        JobQueue queue,
        JobQueries queries,
        Retention retention,
        GitHubGateway github,
        HubGateway hub,
        ThreadPort threads) {

    /** First retry after this long, doubling each time. */
    static final Duration BASE_BACKOFF = Duration.ofSeconds(10);

    static final Duration MAX_BACKOFF = Duration.ofMinutes(15);

    static Wiring of(AppConfig config, Database db, Clock clock) {
        SerialWriter writer = new SerialWriter(db);
        TriageMetrics metrics = new TriageMetrics();
        Deliveries deliveries = new Deliveries(db, writer::inTransaction, clock, Deliveries.DEDUPE_WINDOW);
        JobQueue queue = new JobQueue(
                db,
                writer,
                deliveries,
                clock,
                new JobQueue.Policy(
                        config.maxAttempts(), Duration.ofSeconds(config.leaseSeconds()), BASE_BACKOFF, MAX_BACKOFF));
        JobQueries queries = new JobQueries(db, writer, clock);
        metrics.watchQueue(queries::countByState);
        Retention retention = new Retention(
                writer::inTransaction, clock, Duration.ofDays(config.retentionDays()), Deliveries.DEDUPE_WINDOW, queue);
        Actions actions = new Actions(db, writer::inTransaction);
        GitHubGateway github = GitHubApp.gateway(
                new GitHubApp.Settings(
                        config.githubApiUrl(),
                        config.appId() == null ? null : String.valueOf(config.appId()),
                        config.privateKey(),
                        config.dryRun(),
                        config.githubCacheDir()),
                actions::record,
                http -> metrics.watchGitHub(http::requestsSent, http::notModified));
        HubConfig hubConfig = config.hub();
        HubGateway hub = new ApiHubGateway(hubConfig.apiUrl(), hubConfig.token(), actions::record, clock);
        ThreadPort threads = new Platforms(github, hubConfig.dryRun() ? DryRunThreads.over(hub, actions::record) : hub);
        return new Wiring(
                config, db, writer, clock, metrics, deliveries, queue, queries, retention, github, hub, threads);
    }

    /** Where every write transaction of the service runs: behind the intake's, in one queue. */
    public Writes writes() {
        return writer::inTransaction;
    }

    /**
     * The bot's routing table: GitHub's events and the Hub's, on these gateways and this store.
     *
     * @param renderers how the comment reads on each platform ({@link #renderers} for serve's)
     */
    public EventRoutes triage(Classifier classifier, Renderers renderers) {
        return new TriageRoutes(
                        Stores.on(db, writes(), retention), new TriageRoutes.Gateways(github, hub, threads), clock)
                .table(classifier, renderers, this::predicted);
    }

    /** The comment as it reads on GitHub ({@code renderer}) and on the Hub (the catalogue's Hub flavour). */
    public static Renderers renderers(CommentRenderer github) {
        return new Renderers(github, HubCommentRenderer.withDefaults());
    }

    /** Counts a prediction in the metrics, by platform and theme (none when not a security report). */
    private void predicted(ThreadRef thread, Prediction p) {
        Theme theme = p.security() ? p.primaryTheme() : null;
        if (thread instanceof ThreadRef.HubDiscussion) {
            metrics.hubPredictionRecorded(theme);
        } else {
            metrics.predictionRecorded(theme);
        }
    }
}
