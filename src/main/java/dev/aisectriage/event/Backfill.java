package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.core.Actor;
import dev.aisectriage.core.Daemons;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.OpenIssue;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.LeaseLostException;
import dev.aisectriage.store.ThreadLeases;
import dev.aisectriage.store.Threads;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Triages a repository's open issues that the bot has not seen yet (after installing it on an existing project).
 * Each issue is worked on under its thread's lease in the store, so a running {@code serve} (or a second backfill)
 * never handles the same thread at the same time.
 */
public final class Backfill {

    private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);
    static final Duration LEASE = Duration.ofSeconds(60);
    private static final Duration BUSY_POLL = Duration.ofMillis(100);

    private final GitHubGateway gateway;
    private final TriageThread triage;
    private final Threads threads;
    private final ThreadLeases leases;
    private final String holder = "backfill-pid" + ProcessHandle.current().pid() + "-"
            + UUID.randomUUID().toString().substring(0, 8);

    public Backfill(GitHubGateway gateway, TriageThread triage, Threads threads, ThreadLeases leases) {
        this.gateway = gateway;
        this.triage = triage;
        this.threads = threads;
        this.leases = leases;
    }

    /** A backfill on the store and the gateway, as {@code backfill --apply} runs it: GitHub's issues only. */
    public static Backfill on(Database db, GitHubGateway gateway, Classifier classifier, CommentRenderer renderer) {
        Clock clock = Clock.systemUTC();
        // the flow serve runs, on GitHub alone: a backfill never forgets an installation (no retention)
        Stores stores = Stores.on(db, db::writeTransaction, null);
        TriageThread triage = new TriageRoutes(stores, new TriageRoutes.Gateways(gateway, null, gateway), clock)
                .triage(classifier, new Renderers(renderer, renderer), (ref, p) -> {});
        return new Backfill(gateway, triage, stores.threads(), new ThreadLeases(db::writeTransaction, clock));
    }

    /**
     * Triages one issue unless the store already has its verdict (so that a backfill stopped half-way resumes), under
     * the thread's lease in the store, renewed while it works: a running {@code serve} never handles it at the same
     * time, and the verdict is looked up again once the lease is held.
     *
     * @return true when it was triaged now
     */
    public boolean triageOne(long installationId, String repository, boolean publicRepository, OpenIssue issue) {
        ThreadRef ref = new ThreadRef.GitHubIssue(installationId, repository, issue.number(), issue.nodeId());
        if (done(ref)) {
            return false;
        }
        ScheduledExecutorService heartbeat = Daemons.timer("backfill-lease-heartbeat");
        try {
            return triageLeased(heartbeat, ref, post(ref, issue, publicRepository));
        } finally {
            heartbeat.shutdownNow();
        }
    }

    /** Whether the store already has a verdict for the thread. */
    public boolean done(ThreadRef ref) {
        return threads.find(ref).map(s -> s.verdict() != null).orElse(false);
    }

    /** @return how many issues were classified now */
    public int run(long installationId, String repository, boolean publicRepository, int limit) {
        int classified = 0;
        ScheduledExecutorService heartbeat = Daemons.timer("backfill-lease-heartbeat");
        try {
            for (OpenIssue issue : gateway.listOpenIssues(installationId, repository, limit)) {
                ThreadRef ref = new ThreadRef.GitHubIssue(installationId, repository, issue.number(), issue.nodeId());
                if (seen(ref)) {
                    continue;
                }
                if (triageLeased(heartbeat, ref, post(ref, issue, publicRepository))) {
                    classified++;
                }
            }
        } finally {
            heartbeat.shutdownNow();
        }
        LOG.info("{}: backfill classified {} open issues", repository, classified);
        return classified;
    }

    /** False when the lease ran out and another process took the thread over: it finishes the thread. */
    private boolean triageHoldingLease(String key, ThreadPost post) {
        try {
            triage.triage(post, new Lease(key, holder));
            return true;
        } catch (LeaseLostException e) {
            LOG.warn("{}: {}", post.ref(), e.getMessage());
            return false;
        }
    }

    /** Takes the thread's lease (waiting while serve works on it), triages unless done meanwhile, releases it. */
    private boolean triageLeased(ScheduledExecutorService heartbeat, ThreadRef ref, ThreadPost post) {
        String key = ref.leaseKey();
        awaitLease(key);
        var renewal = heartbeat.scheduleAtFixedRate(
                () -> leases.renew(key, holder, LEASE),
                LEASE.toMillis() / 3,
                LEASE.toMillis() / 3,
                TimeUnit.MILLISECONDS);
        try {
            if (seen(ref)) {
                return false; // serve triaged it while we waited for the lease
            }
            return triageHoldingLease(key, post);
        } finally {
            renewal.cancel(false);
            leases.release(key, holder);
        }
    }

    private static ThreadPost post(ThreadRef ref, OpenIssue issue, boolean publicRepository) {
        return new ThreadPost(
                ref,
                issue.url(),
                issue.title(),
                issue.body(),
                new Actor(issue.author(), issue.authorIsBot()),
                issue.labels(),
                publicRepository,
                false,
                null);
    }

    private boolean seen(ThreadRef ref) {
        return threads.find(ref).map(s -> s.verdict() != null).orElse(false);
    }

    /** Waits, holding nothing, until no job of any process works on the thread, and takes its lease. */
    private void awaitLease(String key) {
        while (!leases.tryAcquire(key, holder, LEASE)) {
            try {
                Thread.sleep(BUSY_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("backfill interrupted while waiting for " + key, e);
            }
        }
    }
}
