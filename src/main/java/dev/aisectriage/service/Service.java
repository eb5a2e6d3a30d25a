package dev.aisectriage.service;

import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.config.DotEnv;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.event.PrivateReportStates;
import dev.aisectriage.github.AppManifests;
import dev.aisectriage.github.GitHubHttp;
import dev.aisectriage.queue.JobQueueWorkers;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.SecurityTables;
import dev.aisectriage.web.Dashboard;
import dev.aisectriage.web.DashboardAccess;
import dev.aisectriage.web.HuggingFaceWebhookEndpoint;
import dev.aisectriage.web.Intake;
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
 * The composition root: configuration → wiring built once ({@link Wiring}: store, queue, gateways, metrics) → the
 * routing table built on it → workers, web server and the timers (retention, private reports' states), started.
 * {@link #close()} stops taking webhooks, drains the jobs, and only then frees the model the jobs classified with.
 */
public final class Service implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    /** How often the retention purge runs. */
    static final Duration RETENTION_PERIOD = Duration.ofHours(1);

    private final Wiring wiring;
    private final JobQueueWorkers workers;
    private final Javalin web;
    private final PrivateReportStates reportStates;
    private final AutoCloseable model;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Service(
            Wiring wiring,
            JobQueueWorkers workers,
            Javalin web,
            PrivateReportStates reportStates,
            AutoCloseable model) {
        this.wiring = wiring;
        this.workers = workers;
        this.web = web;
        this.reportStates = reportStates;
        this.model = model;
    }

    /** As {@link #start(AppConfig, Database, Function, BooleanSupplier, AutoCloseable)}, with nothing to free. */
    public static Service start(
            AppConfig config, Database db, Function<Wiring, EventRoutes> routes, BooleanSupplier modelReady) {
        return start(config, db, routes, modelReady, () -> {});
    }

    /**
     * Builds the service on an open store (which it closes with itself) and starts it.
     *
     * @param routes the routing table the jobs run, built on the wiring ({@link Wiring#triage} for the bot)
     * @param modelReady answers /readyz's model check (true once the classifier is loaded)
     * @param model what the jobs classify with, closed once they have drained (never while one is inside it)
     */
    public static Service start(
            AppConfig config,
            Database db,
            Function<Wiring, EventRoutes> routes,
            BooleanSupplier modelReady,
            AutoCloseable model) {
        Wiring wiring = Wiring.of(config, db, Clock.systemUTC());
        wiring.writer().startCheckpoints(Duration.ofSeconds(1));
        EventRoutes table = routes.apply(wiring);
        wiring.retention().start(RETENTION_PERIOD);
        PrivateReportStates reportStates = new PrivateReportStates(
                        wiring.github(), SecurityTables.on(wiring.db(), wiring.writes()), wiring.clock())
                .start(PrivateReportStates.PERIOD);
        JobQueueWorkers workers = new JobQueueWorkers(
                wiring.queue(),
                table,
                wiring.metrics(),
                new JobQueueWorkers.Settings(
                        config.workers(),
                        // Jobs queued by another instance wake nobody here: on a shared PostgreSQL, workers poll more.
                        db.dialect() == Database.Dialect.SQLITE ? Duration.ofSeconds(1) : Duration.ofMillis(200),
                        DRAIN_TIMEOUT,
                        Duration.ofSeconds(config.jobTimeoutSeconds())));
        SetupPage setup = config.appId() == null ? setupPage(config, wiring.clock()) : null;
        Javalin web = webServer(wiring, table, modelReady, workers, setup);
        try {
            web.start(config.bindHost(), config.port());
        } catch (RuntimeException e) {
            workers.close();
            closeModel(model);
            reportStates.close();
            wiring.retention().close();
            wiring.writer().close();
            throw e;
        }
        logListening(config, web, table, setup != null);
        return new Service(wiring, workers, web, reportStates, model);
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
            Wiring wiring, EventRoutes routes, BooleanSupplier modelReady, JobQueueWorkers workers, SetupPage setup) {
        AppConfig config = wiring.config();
        TriageMetrics metrics = wiring.metrics();
        Intake intake = new Intake(routes, wiring.deliveries(), wiring.queue(), workers::wake, metrics);
        WebhookEndpoint webhook = new WebhookEndpoint(
                new WebhookSignature(config.webhookSecret()),
                intake,
                config.developmentSecret() && !"127.0.0.1".equals(config.bindHost()));
        Dashboard dashboard = new Dashboard(
                wiring.db(),
                new Dashboard.Options(
                        config.dashboardPassword(),
                        config.dryRun(),
                        () -> wiring.queries().deadLetters(Dashboard.RECENT),
                        wiring.queries()::countByState,
                        wiring.queries()::retryDead,
                        metrics::redeliveriesRequested,
                        Duration.ofDays(config.advisoryReminderDays())));
        HuggingFaceWebhookEndpoint hub = new HuggingFaceWebhookEndpoint(config.hub(), intake);
        return WebServer.create(
                webhook, hub, wiring.db(), modelReady, metrics, dashboard, setup == null ? c -> {} : setup::addRoutes);
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

    /** What the service is made of: its store, queue, metrics and gateways. */
    public Wiring wiring() {
        return wiring;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops taking webhooks, lets the jobs in flight finish (up to 30 s), closes the model, then the store. Safe to
     * call twice: a second call (the JVM's shutdown hook while a signal's stop is draining) returns once the first
     * has finished, so that nothing the JVM does next runs under a job.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitFirstClose();
            return;
        }
        LOG.info("shutting down: no new deliveries, draining {} running jobs", workers.inFlight());
        try {
            web.stop();
        } finally {
            try {
                workers.close();
                closeModel(model);
                reportStates.close();
                wiring.retention().close();
                wiring.writer().close();
                wiring.db().close();
            } finally {
                stopped.countDown();
            }
        }
    }

    private void awaitFirstClose() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeModel(AutoCloseable model) {
        try {
            model.close();
        } catch (Exception e) {
            LOG.warn("closing the model failed: {}", e.toString());
        }
    }
}
