package dev.aisectriage.support;

import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.github.AppJwt;
import dev.aisectriage.github.GitHubApp;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.GitHubHttp;
import dev.aisectriage.github.InstallationTokens;
import dev.aisectriage.github.RetryPolicy;
import dev.aisectriage.huggingface.ApiHubGateway;
import dev.aisectriage.queue.Job;
import dev.aisectriage.queue.JobQueries;
import dev.aisectriage.queue.JobQueue;
import dev.aisectriage.queue.JobQueueWorkers;
import dev.aisectriage.queue.JobRunner;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.service.Wiring;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.Retention;
import dev.aisectriage.store.SerialWriter;
import dev.aisectriage.store.ThreadLeases;
import dev.aisectriage.web.TriageMetrics;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The bot wired as the service wires it ({@link Wiring}), on a real SQLite file, with its gateways pointed at
 * stand-ins: building a second one on the same file is a restart. {@link #handle} runs a delivery's job through the
 * real {@link JobRunner}, under its thread's lease in the store, as a worker runs a job it claimed.
 */
public final class Bot {

    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5));

    public final Database db;
    public final EventRoutes routes;
    public final Wiring wiring;
    public final FakeClassifier classifier = new FakeClassifier();
    /** Every prediction the classifier made. */
    public final List<Prediction> predictions = classifier.predictions;

    private final JobRunner runner = new JobRunner(Duration.ofSeconds(30));
    private final String holder = "bot-" + UUID.randomUUID().toString().substring(0, 8);

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
        Clock clock = Clock.systemUTC();
        GitHubHttp http = new GitHubHttp(apiUrl, policy, GitHubHttp.Sleeper.REAL, clock);
        InstallationTokens tokens =
                key == null ? null : new InstallationTokens(http, new AppJwt(appId, key, clock), clock);
        GitHubGateway gateway = GitHubApp.onTokens(http, tokens, new Actions(db)::record, dryRun);
        wiring = wiring(db, clock, gateway);
        routes = wiring.triage(classifier, renderer);
    }

    private Wiring wiring(Database db, Clock clock, GitHubGateway github) {
        SerialWriter writer = new SerialWriter(db);
        Deliveries deliveries = new Deliveries(db, writer::inTransaction, clock, Deliveries.DEDUPE_WINDOW);
        JobQueue queue = new JobQueue(
                db,
                writer,
                deliveries,
                clock,
                new JobQueue.Policy(3, Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(5)));
        TriageMetrics metrics = new TriageMetrics();
        return new Wiring(
                TestConfig.dryRun(Path.of("unused")),
                db,
                writer,
                clock,
                metrics,
                deliveries,
                queue,
                new JobQueries(db, writer, clock),
                new Retention(writer::inTransaction, clock, Duration.ofDays(30), Deliveries.DEDUPE_WINDOW, queue),
                github,
                new ApiHubGateway("http://127.0.0.1:1", null, true, new Actions(db), clock));
    }

    /**
     * Queues the deliveries as the intake does and lets {@code size} real workers run them, as the service does;
     * returns once every job has finished (done or dead).
     */
    public void work(int size, Delivery... deliveries) {
        for (Delivery d : deliveries) {
            wiring.queue().enqueue(d);
        }
        try (JobQueueWorkers workers = new JobQueueWorkers(
                wiring.queue(),
                routes,
                (job, state, took) -> {},
                new JobQueueWorkers.Settings(
                        size, Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ofSeconds(30)))) {
            Eventually.await(
                    Duration.ofSeconds(20),
                    () -> wiring.queries().countByState().get(JobState.QUEUED) == 0
                            && wiring.queries().countByState().get(JobState.RUNNING) == 0,
                    "every job finished");
        }
    }

    /**
     * Runs the delivery's handlers through the real job runner, holding the thread's lease in the store as a worker
     * holds it once it has claimed the job: two calls for one thread run one after the other, whichever thread or
     * process makes them. What a handler throws comes out here.
     */
    public void handle(Delivery delivery) throws Exception {
        ThreadLeases leases = new ThreadLeases(db::writeTransaction, Clock.systemUTC());
        String key = delivery.threadKey();
        String worker = holder + "/" + Thread.currentThread().getName();
        while (key != null && !leases.tryAcquire(key, worker, Duration.ofSeconds(30))) {
            Thread.sleep(10);
        }
        try {
            runner.run(
                    routes.handlersFor(delivery.event(), delivery.action()),
                    new Job(0, 1, System.currentTimeMillis(), delivery, new Lease(key, worker)));
        } finally {
            if (key != null) {
                leases.release(key, worker);
            }
        }
    }
}
