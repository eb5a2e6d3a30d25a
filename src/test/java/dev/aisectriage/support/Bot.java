package dev.aisectriage.support;

import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.DryRunThreads;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.Platforms;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.event.Renderers;
import dev.aisectriage.github.AppJwt;
import dev.aisectriage.github.GitHubApp;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.GitHubHttp;
import dev.aisectriage.github.InstallationTokens;
import dev.aisectriage.github.RetryPolicy;
import dev.aisectriage.huggingface.ApiHubGateway;
import dev.aisectriage.huggingface.HubGateway;
import dev.aisectriage.queue.Job;
import dev.aisectriage.queue.JobQueueWorkers;
import dev.aisectriage.queue.JobRunner;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.service.Wiring;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.Retention;
import dev.aisectriage.store.ThreadLeases;
import dev.aisectriage.web.TriageMetrics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The bot wired as the service wires it ({@link Wiring}), on a real SQLite file, its gateways pointed at stand-ins
 * ({@link FakeGitHub}, {@link FakeHub}): building a second one on the same file is a restart. {@link #handle} runs a
 * delivery's job through the real {@link JobRunner}, under its thread's lease in the store, as a worker runs a job it
 * claimed; {@link #work} lets real workers claim and run queued jobs.
 */
public final class Bot {

    private static final RetryPolicy QUICK = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(5));
    private static final String NO_HUB = "http://127.0.0.1:1";
    private static final Clock SYSTEM = Clock.systemUTC();

    public final Database db;
    public final EventRoutes routes;
    public final Wiring wiring;
    public final FakeClassifier classifier;
    /** Every prediction the classifier made. */
    public final List<Prediction> predictions;

    private final JobRunner runner = new JobRunner(Duration.ofSeconds(30));
    private final String holder = "bot-" + UUID.randomUUID().toString().substring(0, 8);

    /** The bot of the stand-in GitHub's App, live, its store in {@code dir}; the Hub in dry-run. */
    public static Bot on(FakeGitHub github, Path dir) {
        return on(github, dir, QUICK);
    }

    /** The bot of the stand-in GitHub's App, its store in the stand-in's folder: a second one is a restart. */
    public static Bot on(FakeGitHub github) {
        return on(github, github.storeFolder());
    }

    /** With the given retries and time-out of GitHub requests. */
    public static Bot on(FakeGitHub github, Path dir, RetryPolicy policy) {
        return new Bot(
                sqlite(dir), dir, github.url(), policy, new PlainRenderer(), false, null, new FakeClassifier(), SYSTEM);
    }

    /** With the given renderer of GitHub's comments. */
    public static Bot on(FakeGitHub github, Path dir, CommentRenderer renderer) {
        return new Bot(sqlite(dir), dir, github.url(), QUICK, renderer, false, null, new FakeClassifier(), SYSTEM);
    }

    /**
     * With the given renderer, its queue and flow on {@code clock} (a test moves it to step through a head start),
     * its store in the stand-in's folder.
     */
    public static Bot on(FakeGitHub github, CommentRenderer renderer, Clock clock) {
        Path dir = github.storeFolder();
        return new Bot(sqlite(dir), dir, github.url(), QUICK, renderer, false, null, new FakeClassifier(), clock);
    }

    /** On a store of the test's (SQLite or PostgreSQL) with its folder, with the given renderer and classifier. */
    public static Bot on(
            FakeGitHub github, Database db, Path dir, CommentRenderer renderer, FakeClassifier classifier) {
        return new Bot(db, dir, github.url(), QUICK, renderer, false, null, classifier, SYSTEM);
    }

    /** In dry-run with the App's credentials: GitHub is read, not written. */
    public static Bot dryRunOn(FakeGitHub github, Path dir) {
        return new Bot(
                sqlite(dir), dir, github.url(), QUICK, new PlainRenderer(), true, null, new FakeClassifier(), SYSTEM);
    }

    /** Without App credentials: GitHub is neither read nor written (dry-run); the Hub in dry-run too. */
    public static Bot withoutCredentials(Path dir) {
        return new Bot(sqlite(dir), dir, null, QUICK, new PlainRenderer(), true, null, new FakeClassifier(), SYSTEM);
    }

    /** The bot of the stand-in Hub's account, live, its store in {@code dir}; GitHub without credentials. */
    public static Bot on(FakeHub hub, Path dir) {
        return new Bot(
                sqlite(dir), dir, null, QUICK, new PlainRenderer(), true, hub.url(), new FakeClassifier(), SYSTEM);
    }

    private static Database sqlite(Path dir) {
        return TestDatabase.open(dir.resolve("triage.db"));
    }

    /**
     * @param githubUrl the stand-in GitHub, or null: no App credentials (dry-run, nothing read)
     * @param hubUrl the stand-in Hub, read and written with {@link FakeHub#TOKEN}, or null: the Hub in dry-run
     */
    private Bot(
            Database db,
            Path dir,
            String githubUrl,
            RetryPolicy policy,
            CommentRenderer renderer,
            boolean githubDryRun,
            String hubUrl,
            FakeClassifier classifier,
            Clock clock) {
        this.db = db;
        this.classifier = classifier;
        this.predictions = classifier.predictions;
        Actions actions = new Actions(db, db::writeTransaction);
        // GitHub's tokens and JWTs keep real time: the stand-in checks them against its own clock
        GitHubHttp http =
                new GitHubHttp(githubUrl == null ? NO_HUB : githubUrl, policy, GitHubHttp.Sleeper.REAL, SYSTEM);
        InstallationTokens tokens = githubUrl == null
                ? null
                : new InstallationTokens(
                        http, new AppJwt(FakeGitHub.APP_ID, FakeGitHub.APP_KEY.getPrivate(), SYSTEM), SYSTEM);
        GitHubGateway github = GitHubApp.onTokens(http, tokens, actions::record, githubDryRun);
        HubGateway hub = new ApiHubGateway(
                hubUrl == null ? NO_HUB : hubUrl, hubUrl == null ? null : FakeHub.TOKEN, actions::record, clock);
        TestQueue queue = TestQueue.on(
                db, clock, TestQueue.policy(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(5)));
        wiring = new Wiring(
                TestConfig.dryRun(dir),
                db,
                queue.writer(),
                clock,
                new TriageMetrics(),
                queue.deliveries(),
                queue.queue(),
                queue.queries(),
                new Retention(
                        queue.writer()::inTransaction,
                        clock,
                        Duration.ofDays(30),
                        Deliveries.DEDUPE_WINDOW,
                        queue.queue()),
                github,
                hub,
                new Platforms(github, hubUrl == null ? DryRunThreads.over(hub, actions::record) : hub));
        routes = wiring.triage(classifier, new Renderers(renderer, renderer));
    }

    /**
     * Queues the deliveries as the intake does and lets {@code size} real workers run them, as the service does;
     * returns once every job has finished (done or dead).
     */
    public void work(int size, Delivery... deliveries) {
        for (Delivery d : deliveries) {
            wiring.queue().enqueue(d);
        }
        workUntil(
                size,
                () -> wiring.queries().countByState().get(JobState.QUEUED) == 0
                        && wiring.queries().countByState().get(JobState.RUNNING) == 0,
                "every job finished");
    }

    /**
     * Lets a real worker run every job that is due on the bot's clock, as the service does; returns once none is due
     * or running (a job put back for later stays queued).
     */
    public void runDue() {
        workUntil(1, () -> dueOrRunning() == 0, "no job due or running");
    }

    private void workUntil(int size, java.util.function.BooleanSupplier done, String what) {
        try (JobQueueWorkers workers = new JobQueueWorkers(
                wiring.queue(),
                routes,
                (job, state, took) -> {},
                new JobQueueWorkers.Settings(
                        size, Duration.ofMillis(20), Duration.ofSeconds(10), Duration.ofSeconds(30)))) {
            Eventually.await(Duration.ofSeconds(20), done, what);
        }
    }

    private long dueOrRunning() {
        long now = wiring.clock().millis();
        return db.inTransaction(c -> {
            try (var s = c.prepareStatement("SELECT COUNT(*) FROM jobs WHERE state = 'running'"
                    + " OR (state = 'queued' AND next_attempt_at <= ?)")) {
                s.setLong(1, now);
                try (var rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
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
