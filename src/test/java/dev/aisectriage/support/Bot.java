package dev.aisectriage.support;

import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.event.EventHandler;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.event.TriageRoutes;
import dev.aisectriage.event.WebhookEvent;
import dev.aisectriage.github.AppJwt;
import dev.aisectriage.github.GitHubApp;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.GitHubHttp;
import dev.aisectriage.github.InstallationTokens;
import dev.aisectriage.github.RetryPolicy;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.SemanticKey;
import dev.aisectriage.store.ThreadLeases;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;

/**
 * The bot's GitHub side wired as the service wires it, on a real SQLite file: building a second one on the same
 * file is a restart. {@link #handle} runs every handler of an event, as a worker runs a job.
 */
public final class Bot {

    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5));

    public final Database db;
    public final EventRoutes routes;
    public final FakeClassifier classifier = new FakeClassifier();
    public final java.util.List<dev.aisectriage.classify.Prediction> predictions =
            java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    public Bot(Path dbFile, String apiUrl, String appId, PrivateKey key, boolean dryRun) {
        this(dbFile, apiUrl, appId, key, dryRun, new PlainRenderer());
    }

    public Bot(Path dbFile, String apiUrl, String appId, PrivateKey key, boolean dryRun, CommentRenderer renderer) {
        this(dbFile, apiUrl, appId, key, dryRun, renderer, QUICK);
    }

    /** With the given retries and time-out of GitHub requests. */
    public Bot(Path dbFile, String apiUrl, String appId, PrivateKey key, boolean dryRun, RetryPolicy policy) {
        this(dbFile, apiUrl, appId, key, dryRun, new PlainRenderer(), policy);
    }

    private Bot(
            Path dbFile,
            String apiUrl,
            String appId,
            PrivateKey key,
            boolean dryRun,
            CommentRenderer renderer,
            RetryPolicy policy) {
        db = TestDatabase.open(dbFile);
        GitHubHttp http = new GitHubHttp(apiUrl, policy, GitHubHttp.Sleeper.REAL, Clock.systemUTC());
        InstallationTokens tokens = key == null
                ? null
                : new InstallationTokens(http, new AppJwt(appId, key, Clock.systemUTC()), Clock.systemUTC());
        GitHubGateway gateway = GitHubApp.gateway(http, tokens, new Actions(db)::record, dryRun);
        routes = new TriageRoutes(db, gateway, classifier, renderer)
                .onPrediction(predictions::add)
                .routes();
    }

    /**
     * Runs the event's handlers holding its thread's lease in the store, as a job worker does once it has claimed
     * the job: two calls for one thread run one after the other, whichever thread or process makes them.
     */
    public void handleUnderLease(WebhookEvent event, String holder) throws Exception {
        ThreadLeases leases = new ThreadLeases(db::writeTransaction, Clock.systemUTC());
        String key = Deliveries.threadKey(event.repository(), SemanticKey.threadNumber(event.event(), event.payload()));
        while (!leases.tryAcquire(key, holder, Duration.ofSeconds(30))) {
            Thread.sleep(10);
        }
        try {
            handle(event);
        } finally {
            leases.release(key, holder);
        }
    }

    public void handle(WebhookEvent event) throws Exception {
        for (EventHandler h : routes.handlersFor(event.event(), event.action())) {
            h.handle(event);
        }
    }
}
