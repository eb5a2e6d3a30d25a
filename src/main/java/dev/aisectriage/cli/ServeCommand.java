package dev.aisectriage.cli;

import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.classify.OneAtATimeClassifier;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.event.TriageRoutes;
import dev.aisectriage.github.GitHubApp;
import dev.aisectriage.service.Service;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Writes;
import dev.aisectriage.web.TriageMetrics;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.Function;
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

        Database db = Service.openDatabase(config);
        TriageMetrics metrics = new TriageMetrics();
        long loadStarted = System.nanoTime();
        Classifier classifier = new OneAtATimeClassifier(ClassifierLoader.load(config.modelDir()));
        log.info("model {} loaded in {} ms", classifier.modelVersion(), (System.nanoTime() - loadStarted) / 1_000_000);
        CommentRenderer renderer = MarkdownCommentRenderer.forApi(config.githubApiUrl());

        Service service = Service.start(
                config,
                db,
                metrics,
                triageRoutes(config, db, metrics, classifier, renderer),
                () -> true); // the classifier is loaded above, before the server starts
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "shutdown"));
        service.awaitClosed();
        return 0;
    }

    /** The triage handlers as `serve` runs them, on the writer the service hands over. */
    public static Function<Writes, EventRoutes> triageRoutes(
            AppConfig config, Database db, TriageMetrics metrics, Classifier classifier, CommentRenderer renderer) {
        return writes -> new TriageRoutes(
                        db,
                        writes,
                        GitHubApp.gateway(
                                config.githubApiUrl(),
                                config.appId() == null ? null : String.valueOf(config.appId()),
                                config.privateKey(),
                                null,
                                config.dryRun(),
                                new Actions(db, writes)::record),
                        classifier,
                        renderer,
                        Clock.systemUTC())
                .onPrediction(p -> metrics.predictionRecorded(p.security() ? p.primaryTheme() : null))
                .routes();
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
