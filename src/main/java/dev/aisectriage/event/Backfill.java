package dev.aisectriage.event;

import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.OpenIssue;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.ThreadLeases;
import dev.aisectriage.store.Threads;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
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

    /**
     * Triages one issue unless the store already has its verdict (so that a backfill stopped half-way resumes).
     *
     * @return true when it was triaged now
     */
    public boolean triageOne(long installationId, String repository, boolean publicRepository, OpenIssue issue) {
        ThreadRef ref = new ThreadRef(installationId, repository, ThreadRef.Kind.ISSUE, issue.number(), issue.nodeId());
        if (done(ref)) {
            return false;
        }
        triage.triage(new ThreadPost(
                ref,
                issue.url(),
                issue.title(),
                issue.body(),
                issue.author(),
                issue.authorIsBot(),
                issue.labels(),
                publicRepository));
        return true;
    }

    /** Whether the store already has a verdict for the thread. */
    public boolean done(ThreadRef ref) {
        return threads.find(ref).map(s -> s.verdict() != null).orElse(false);
    }

    /** @return how many issues were classified now */
    public int run(long installationId, String repository, boolean publicRepository, int limit) {
        int classified = 0;
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "backfill-lease-heartbeat");
            t.setDaemon(true);
            return t;
        });
        try {
            for (OpenIssue issue : gateway.listOpenIssues(installationId, repository, limit)) {
                ThreadRef ref =
                        new ThreadRef(installationId, repository, ThreadRef.Kind.ISSUE, issue.number(), issue.nodeId());
                if (seen(ref)) {
                    continue;
                }
                String key = Deliveries.threadKey(repository, issue.number());
                awaitLease(key);
                var renewal = heartbeat.scheduleAtFixedRate(
                        () -> leases.renew(key, holder, LEASE),
                        LEASE.toMillis() / 3,
                        LEASE.toMillis() / 3,
                        TimeUnit.MILLISECONDS);
                try {
                    if (seen(ref)) {
                        continue; // serve triaged it while we waited for the lease
                    }
                    triage.triage(new ThreadPost(
                            ref,
                            issue.url(),
                            issue.title(),
                            issue.body(),
                            issue.author(),
                            issue.authorIsBot(),
                            issue.labels(),
                            publicRepository));
                    classified++;
                } finally {
                    renewal.cancel(false);
                    leases.release(key, holder);
                }
            }
        } finally {
            heartbeat.shutdownNow();
        }
        LOG.info("{}: backfill classified {} open issues", repository, classified);
        return classified;
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
