package dev.aisectriage.cli;

import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.config.DotEnv;
import dev.aisectriage.github.AppJwt;
import dev.aisectriage.github.GitHubHttp;
import dev.aisectriage.github.HookDeliveries;
import dev.aisectriage.github.PrivateKeys;
import dev.aisectriage.recovery.RedeliverySchedule;
import dev.aisectriage.recovery.RedeliverySweep;
import dev.aisectriage.service.BackgroundClassifier;
import dev.aisectriage.service.Service;
import dev.aisectriage.service.Wiring;
import dev.aisectriage.store.Database;
import dev.aisectriage.web.TriageMetrics;
import java.net.BindException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Starts the GitHub App: POST /webhooks/github, job workers, GET /healthz, /readyz, /metrics, /dashboard.",
            "Also takes Hugging Face Hub webhooks on POST /webhooks/huggingface (docs/huggingface.md).",
            "Configured from the environment, which overrides the .env file /setup writes beside DATABASE_PATH and a"
                    + " .env in the working folder; see docs/operations.md.",
            "Without credentials it runs in dry-run mode and prints the development webhook secret."
        })
public final class ServeCommand implements Callable<Integer> {

    /** How often a running service checks that its store still accepts a write. */
    static final Duration STORE_CHECK_EVERY = Duration.ofSeconds(30);

    private final Map<String, String> environment;

    public ServeCommand() {
        this(System.getenv());
    }

    ServeCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> env = DotEnv.load(environment);
        AppConfig config = AppConfig.fromEnvironment(env);
        configureLogging(config.logLevel());
        Logger log = LoggerFactory.getLogger(ServeCommand.class);
        checkPrivateKey(config);
        logBanner(config, log);

        Database db = StoreAccess.open(config);
        BackgroundClassifier classifier = loadClassifier(config, log);
        CommentRenderer renderer = MarkdownCommentRenderer.forApi(config.githubApiUrl());
        Service service = startService(config, db, classifier, renderer);
        StopSignals.stopOn(service::close);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "shutdown"));
        runUntilClosed(config, service, log);
        return 0;
    }

    /** The banner's warnings ({@code ***} lines) at WARN, the rest at INFO. */
    private static void logBanner(AppConfig config, Logger log) {
        for (String line : config.startupBanner().split("\n")) {
            if (line.startsWith("***")) {
                log.warn(line);
            } else {
                log.info(line);
            }
        }
    }

    private static BackgroundClassifier loadClassifier(AppConfig config, Logger log) {
        long loadStarted = System.nanoTime();
        BackgroundClassifier classifier = BackgroundClassifier.load(() -> Models.load(config.modelDir(), "MODEL_DIR"));
        log.info("model {} loaded in {} ms", classifier.modelVersion(), (System.nanoTime() - loadStarted) / 1_000_000);
        return classifier;
    }

    /** Starts the server and workers; a port already taken is a {@link UserError} naming it. */
    private static Service startService(
            AppConfig config, Database db, BackgroundClassifier classifier, CommentRenderer renderer) {
        try {
            // the classifier is loaded before the server starts, and closed by the service once its jobs drained
            return Service.start(
                    config,
                    db,
                    wiring -> wiring.triage(classifier, Wiring.renderers(renderer)),
                    () -> true,
                    classifier);
        } catch (RuntimeException e) {
            if (causedBy(e, BindException.class)) {
                throw new UserError(
                        "PORT " + config.port() + " is already in use on " + config.bindHost()
                                + ": stop the other process or set PORT to a free port",
                        e);
            }
            throw e;
        }
    }

    /**
     * Runs the redelivery sweep and the store watch until the service closes; a store that stopped accepting writes
     * is then a {@link UserError}.
     */
    private static void runUntilClosed(AppConfig config, Service service, Logger log) throws InterruptedException {
        AutoCloseable sweep = redeliverySweep(config, service, log);
        StoreWatch watch =
                StoreWatch.start(service.wiring().db(), config.databasePath(), service::close, STORE_CHECK_EVERY);
        try {
            service.awaitClosed();
        } finally {
            watch.close();
            closeQuietly(sweep);
        }
        if (watch.failed()) {
            throw new UserError("DATABASE_PATH " + config.databasePath() + " stopped accepting writes ("
                    + watch.reason() + "): make it writable by this user and start again");
        }
    }

    /** The missed-delivery recovery: off in dry-run (GitHub would resend to the real App, not to this one). */
    static AutoCloseable redeliverySweep(AppConfig config, Service service, Logger log) {
        TriageMetrics metrics = service.wiring().metrics();
        if (config.dryRun()) {
            log.info("redelivery sweep: off in dry-run");
            return () -> {};
        }
        AppJwt jwt =
                new AppJwt(String.valueOf(config.appId()), PrivateKeys.parse(config.privateKey()), Clock.systemUTC());
        GitHubHttp http = new GitHubHttp(config.githubApiUrl());
        metrics.watchGitHub(http::requestsSent, http::notModified);
        RedeliverySweep sweep = new RedeliverySweep(
                new HookDeliveries(http, jwt::create),
                guid -> service.wiring().deliveries().outcomeOf(guid).isPresent(),
                Clock.systemUTC(),
                Duration.ofSeconds(1),
                100,
                RedeliverySweep.Sleeper.REAL);
        metrics.watchRedeliveries(sweep::requested);
        return RedeliverySchedule.start(sweep, Duration.ofMinutes(config.redeliverySweepMinutes()));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LoggerFactory.getLogger(ServeCommand.class).debug("closing {}", c, e);
        }
    }

    private static void checkPrivateKey(AppConfig config) {
        if (config.privateKey() == null) {
            return;
        }
        try {
            PrivateKeys.parse(config.privateKey());
        } catch (RuntimeException e) {
            throw new UserError(
                    "PRIVATE_KEY (or PRIVATE_KEY_PATH) is not a usable PEM private key (" + ErrorHandler.describe(e)
                            + "): paste the .pem file GitHub generated for the App, or set PRIVATE_KEY_PATH to it",
                    e);
        }
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t) || (t.getMessage() != null && t.getMessage().contains("already in use"))) {
                return true;
            }
        }
        return false;
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
