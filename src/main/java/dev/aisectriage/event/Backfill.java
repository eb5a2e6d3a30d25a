package dev.aisectriage.event;

import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.OpenIssue;
import dev.aisectriage.store.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Triages a repository's open issues that the bot has not seen yet (after installing it on an existing project). */
public final class Backfill {

    private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);

    private final GitHubGateway gateway;
    private final TriageThread triage;
    private final Threads threads;

    public Backfill(GitHubGateway gateway, TriageThread triage, Threads threads) {
        this.gateway = gateway;
        this.triage = triage;
        this.threads = threads;
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
        for (OpenIssue issue : gateway.listOpenIssues(installationId, repository, limit)) {
            ThreadRef ref =
                    new ThreadRef(installationId, repository, ThreadRef.Kind.ISSUE, issue.number(), issue.nodeId());
            if (threads.find(ref).map(s -> s.verdict() != null).orElse(false)) {
                continue;
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
        }
        LOG.info("{}: backfill classified {} open issues", repository, classified);
        return classified;
    }
}
