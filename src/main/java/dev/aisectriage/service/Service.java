package dev.aisectriage.service;

import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.config.DotEnv;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.github.AppManifests;
import dev.aisectriage.github.GitHubHttp;
import dev.aisectriage.queue.JobQueue;
import dev.aisectriage.queue.JobQueueWorkers;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.Retention;
import dev.aisectriage.store.SerialWriter;
import dev.aisectriage.store.Writes;
import dev.aisectriage.web.Dashboard;
import dev.aisectriage.web.DashboardAccess;
import dev.aisectriage.web.HuggingFaceWebhookEndpoint;
import dev.aisectriage.web.SetupPage;
import dev.aisectriage.web.TriageMetrics;
import dev.aisectriage.web.WebServer;
import dev.aisectriage.web.WebhookEndpoint;
import dev.aisectriage.web.WebhookSignature;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the store, the job queue and its workers and the web server from an {@link
 * AppConfig} and a routing table, and starts them. {@link #close()} stops taking webhooks, then drains the jobs.
 */
public final class Service implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    /** First retry after this long, doubling each time. */
    static final Duration BASE_BACKOFF = Duration.ofSeconds(10);

    static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    /** How often the retention purge runs. */
    static final Duration RETENTION_PERIOD = Duration.ofHours(1);

    private final Database db;
    private final SerialWriter writer;
    private final Retention retention;
    private final TriageMetrics metrics;
    private final JobQueue queue;
    private final Deliveries deliveries;
    private final JobQueueWorkers workers;
    private final Javalin web;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Service(
            Database db,
            SerialWriter writer,
            Retention retention,
            TriageMetrics metrics,
            JobQueue queue,
            Deliveries deliveries,
            JobQueueWorkers workers,
            Javalin web) {
        this.db = db;
        this.writer = writer;
        this.retention = retention;
        this.metrics = metrics;
        this.queue = queue;
        this.deliveries = deliveries;
        this.workers = workers;
        this.web = web;
    }

    /** Opens the database ({@code DATABASE_URL}, else {@code DATABASE_PATH}) and starts everything. */
    public static Service start(AppConfig config, EventRoutes routes, BooleanSupplier modelReady) {
        return start(config, openDatabase(config), new TriageMetrics(), routes, modelReady);
    }

    /** PostgreSQL when {@code DATABASE_URL} is set (pooled: a connection per worker and some for intake), else SQLite. */
    public static Database openDatabase(AppConfig config) {
        return Database.open(config.databaseUrl(), config.databasePath(), config.workers() + 8);
    }

    /**
     * Starts with a database and metrics built by the caller, so that the handlers in {@code routes} can share them.
     *
     * @param modelReady answers /readyz's model check (true once the classifier is loaded)
     */
    public static Service start(
            AppConfig config, Database db, TriageMetrics metrics, EventRoutes routes, BooleanSupplier modelReady) {
        return start(config, db, metrics, writes -> routes, modelReady);
    }

    /**
     * Starts with handlers built on the service's serial writer, so that their writes queue behind the intake's
     * instead of meeting SQLite's busy handler.
     *
     * @param routes builds the routing table from the {@link Writes} every write transaction must go through
     */
    public static Service start(
            AppConfig config,
            Database db,
            TriageMetrics metrics,
            Function<Writes, EventRoutes> routesOnWriter,
            BooleanSupplier modelReady) {
        Clock clock = Clock.systemUTC();
        SerialWriter writer = new SerialWriter(db);
        writer.startCheckpoints(Duration.ofSeconds(1));
        EventRoutes routes = routesOnWriter.apply(writer::inTransaction);
        JobQueue queue = new JobQueue(
                db,
                writer,
                clock,
                config.maxAttempts(),
                Duration.ofSeconds(config.leaseSeconds()),
                BASE_BACKOFF,
                MAX_BACKOFF);
        metrics.watchQueue(queue::countByState);
        Deliveries deliveries = new Deliveries(db, writer, clock, Deliveries.DEDUPE_WINDOW);
        Retention retention = new Retention(
                writer::inTransaction, clock, Duration.ofDays(config.retentionDays()), Deliveries.DEDUPE_WINDOW);
        retention.start(RETENTION_PERIOD);
        JobQueueWorkers workers = workers(config, db, metrics, queue, routes);
        SetupPage setup = config.appId() == null ? setupPage(config, clock) : null;
        Javalin web = webServer(config, db, metrics, routes, modelReady, queue, deliveries, workers, setup);
        try {
            web.start(config.bindHost(), config.port());
        } catch (RuntimeException e) {
            workers.close();
            retention.close();
            writer.close();
            throw e;
        }
        logListening(config, web, routes, setup != null);
        return new Service(db, writer, retention, metrics, queue, deliveries, workers, web);
    }

    private static JobQueueWorkers workers(
            AppConfig config, Database db, TriageMetrics metrics, JobQueue queue, EventRoutes routes) {
        // Jobs queued by another instance wake nobody here: on a shared PostgreSQL, workers poll more often.
        Duration idlePoll = db.dialect() == Database.Dialect.SQLITE ? Duration.ofSeconds(1) : Duration.ofMillis(200);
        return new JobQueueWorkers(
                queue,
                routes,
                config.workers(),
                metrics,
                idlePoll,
                DRAIN_TIMEOUT,
                Duration.ofSeconds(config.jobTimeoutSeconds()));
    }

    /** The one-step App registration, offered while there is no APP_ID. */
    private static SetupPage setupPage(AppConfig config, Clock clock) {
        return new SetupPage(
                new AppManifests(new GitHubHttp(config.githubApiUrl())),
                MarkdownCommentRenderer.webUrlFor(config.githubApiUrl()),
                DotEnv.besideStore(config.databasePath()),
                new DashboardAccess(config.dashboardPassword(), clock));
    }

    /** The web server with both webhook endpoints, the dashboard and (without an APP_ID) the setup page; not started. */
    private static Javalin webServer(
            AppConfig config,
            Database db,
            TriageMetrics metrics,
            EventRoutes routes,
            BooleanSupplier modelReady,
            JobQueue queue,
            Deliveries deliveries,
            JobQueueWorkers workers,
            SetupPage setup) {
        WebhookEndpoint webhook = new WebhookEndpoint(
                new WebhookSignature(config.webhookSecret()),
                routes,
                deliveries,
                workers::wake,
                metrics,
                config.developmentSecret() && !"127.0.0.1".equals(config.bindHost()));
        Dashboard dashboard = new Dashboard(
                db,
                new Dashboard.Options(
                        config.dashboardPassword(),
                        config.dryRun(),
                        () -> queue.deadLetters(Dashboard.RECENT),
                        queue::countByState,
                        queue::retryDead,
                        metrics::redeliveriesRequested));
        HuggingFaceWebhookEndpoint hub =
                new HuggingFaceWebhookEndpoint(config.hub(), routes, deliveries, workers::wake, metrics);
        return WebServer.create(
                webhook, hub, db, modelReady, metrics, dashboard, setup == null ? c -> {} : setup::addRoutes);
    }

    private static void logListening(AppConfig config, Javalin web, EventRoutes routes, boolean setupOffered) {
        LOG.info(
                "listening on {}:{} ({}): POST {} and {}, GET /healthz, /readyz, /metrics, /dashboard; routes {}",
                config.bindHost(),
                web.port(),
                config.bindHost().equals("0.0.0.0") ? "all interfaces" : "loopback only",
                WebhookEndpoint.PATH,
                HuggingFaceWebhookEndpoint.PATH,
                routes.keys());
        if (setupOffered) {
            LOG.info("no APP_ID: open http://localhost:{}/setup to register the App on GitHub in one step", web.port());
        }
    }

    public int port() {
        return web.port();
    }

    public Database database() {
        return db;
    }

    public TriageMetrics metrics() {
        return metrics;
    }

    public JobQueue queue() {
        return queue;
    }

    public Deliveries deliveries() {
        return deliveries;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    /** Stops taking webhooks, then lets the jobs in flight finish (up to 30 s). Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("shutting down: no new deliveries, draining {} running jobs", workers.inFlight());
        try {
            web.stop();
        } finally {
            try {
                workers.close();
                retention.close();
                writer.close();
            } finally {
                stopped.countDown();
            }
        }
    }
}
