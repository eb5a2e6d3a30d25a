package dev.aisectriage.cli;

import dev.aisectriage.Service;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.event.WebhookEvent;
import dev.aisectriage.store.Database;
import dev.aisectriage.web.TriageMetrics;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the GitHub App: POST /webhooks/github, job workers, GET /healthz, /readyz, /metrics.",
            "Configured from the environment (APP_ID, PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, "
                    + "LOG_LEVEL, DATABASE_PATH, GITHUB_API_URL, DRY_RUN, MODEL_DIR, WORKERS); see docs/operations.md.",
            "Without credentials it runs in dry-run mode and prints the development webhook secret."
        })
public final class ServeCommand implements Callable<Integer> {

    /** Every event.action the App subscribes to (app-manifest.yml), for the routing table until triage is wired. */
    static final List<String> SUBSCRIBED = List.of(
            "issues.opened", "issues.edited", "issues.reopened", "issues.closed", "issues.labeled",
            "issues.unlabeled", "issue_comment.created", "issue_comment.edited", "discussion.created",
            "discussion.edited", "discussion.labeled", "discussion.unlabeled", "discussion_comment.created",
            "discussion_comment.edited", "installation.created", "installation.deleted", "installation.suspend",
            "installation.unsuspend", "installation.new_permissions_accepted", "installation_repositories.added",
            "installation_repositories.removed");

    @Override
    public Integer call() throws InterruptedException {
        AppConfig config;
        try {
            config = AppConfig.fromEnvironment();
        } catch (AppConfig.ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            return 2;
        }
        configureLogging(config.logLevel());
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        for (String line : config.startupBanner().split("\n")) {
            if (line.startsWith("***")) {
                log.warn(line);
            } else {
                log.info(line);
            }
        }

        Database db = Database.open(config.databasePath());
        TriageMetrics metrics = new TriageMetrics();
        EventRoutes routes = storeOnlyRoutes(config, db, metrics); // MERGE: new TriageRoutes(...).routes()
        BooleanSupplier modelReady = () -> true; // MERGE: the classifier's "loaded" check

        Service service = Service.start(config, db, metrics, routes, modelReady);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "shutdown"));
        service.awaitClosed();
        return 0;
    }

    /**
     * INTERIM routing table until the triage handlers are merged: every subscribed event is stored and its job runs
     * a handler that only logs it, so intake, queue and workers work end to end. Replaced at merge by the
     * github part's {@code TriageRoutes}.
     */
    static EventRoutes storeOnlyRoutes(AppConfig config, Database db, TriageMetrics metrics) {
        Logger log = LoggerFactory.getLogger("triage");
        EventRoutes routes = new EventRoutes();
        for (String key : SUBSCRIBED) {
            routes.on(key, (WebhookEvent e) -> log.info(
                    "stored {} for {} (delivery {}); triage handlers are not wired in this build",
                    e.key(), e.repository() == null ? "installation " + e.installationId() : e.repository(),
                    e.deliveryId()));
        }
        return routes;
    }

    /** slf4j-simple reads its settings once, when the first logger is made: call before any logging. */
    static void configureLogging(String level) {
        String normalised = switch (level) {
            case "trace", "debug", "info", "warn", "error", "off" -> level;
            case "fatal" -> "error";
            default -> "info";
        };
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", normalised);
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
        // Jetty's and Javalin's info lines are noise at info level.
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
    }
}
