package dev.aisectriage.event;

import dev.aisectriage.core.Lease;
import dev.aisectriage.core.MissingPermission;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.ThreadRef.GitHubThread;
import dev.aisectriage.github.DraftAdvisory;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.OpenedAdvisory;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.ThreadAdvisories;
import dev.aisectriage.store.ThreadAdvisories.Advisory;
import dev.aisectriage.store.ThreadAdvisories.State;
import dev.aisectriage.store.Threads;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one private draft security advisory of a thread whose report leaked in public ({@code disclosure: contain}),
 * carrying the report to the maintainers: opened once per thread, across redeliveries and restarts. Its row is written
 * {@code pending} before the request, under the job's lease of the thread; a row still {@code pending} means an
 * earlier try may have created the draft before its answer failed, so the draft is looked for by its marker (the
 * description's last line) before another is opened. A refusal (a missing permission, GitHub rejecting the draft) is
 * recorded with its one line and never retried for the thread.
 */
record DraftAdvisoryOnce(
        GitHubGateway github,
        ThreadAdvisories advisories,
        Threads threads,
        MissingPermissions permissions,
        Clock clock) {

    private static final Logger LOG = LoggerFactory.getLogger(DraftAdvisoryOnce.class);

    /** Whether the maintainers have the report privately: the thread's draft, opened now or before. */
    boolean open(ThreadPost post, GitHubThread thread, Lease lease) {
        Optional<Advisory> known = advisories.find(thread);
        if (known.isPresent() && known.get().state() != State.PENDING) {
            return known.get().state() == State.OPENED;
        }
        String marker = known.map(Advisory::marker).orElseGet(() -> marker(thread));
        OpenedAdvisory outcome;
        if (known.isEmpty()) {
            advisories.begin(thread, marker, clock.instant());
            outcome = send(post, thread, marker, lease);
        } else {
            outcome = github.findDraftAdvisory(thread.installationId(), thread.repository(), marker);
            if (outcome instanceof OpenedAdvisory.NotFound) {
                outcome = send(post, thread, marker, lease);
            }
        }
        return settle(thread, outcome);
    }

    /** Whether the thread's draft was opened (read from the store: no request). */
    boolean opened(ThreadRef thread) {
        return advisories.find(thread).map(a -> a.state() == State.OPENED).orElse(false);
    }

    /** A visible line, one per thread, that GitHub keeps in the description (it may strip an HTML comment). */
    static String marker(GitHubThread thread) {
        return "Opened by ai-security-triage for " + thread.repository()
                + (thread instanceof ThreadRef.GitHubDiscussion ? " discussion #" : " issue #") + thread.number() + ".";
    }

    private OpenedAdvisory send(ThreadPost post, GitHubThread thread, String marker, Lease lease) {
        threads.requireLease(thread, lease);
        return github.openDraftAdvisory(thread.installationId(), thread.repository(), draft(post, thread, marker));
    }

    /**
     * The report as posted (its title the summary), with a link to the thread. Drafts are private: only the
     * repository's admins, security managers and the advisory's collaborators see them.
     */
    private static DraftAdvisory draft(ThreadPost post, GitHubThread thread, String marker) {
        String title = post.title().isBlank() ? "Vulnerability reported in public in " + thread : post.title();
        String where = post.url() == null ? thread.toString() : post.url();
        String description =
                "Reported in public in " + where + " by " + post.author().name() + ". The report as it"
                        + " was posted follows; the bot hides later comments that repeat its exploit and never edits the post"
                        + " itself.\n\n---\n\n" + post.body();
        return new DraftAdvisory(title, description, thread.name(), marker);
    }

    private boolean settle(GitHubThread thread, OpenedAdvisory outcome) {
        var at = clock.instant();
        if (outcome instanceof OpenedAdvisory.Opened o) {
            advisories.settle(thread, State.OPENED, o.ghsaId(), o.htmlUrl(), null, at);
            permissions.granted(thread.repository(), MissingPermission.OPEN_ADVISORY);
            LOG.info("{}: the report was sent to the maintainers privately in draft advisory {}", thread, o.ghsaId());
            return true;
        }
        if (outcome instanceof OpenedAdvisory.NotPermitted n) {
            advisories.settle(
                    thread, State.NOT_PERMITTED, null, null, n.missing().line(), at);
            permissions.met(thread.installationId(), n.missing());
            return false;
        }
        String why = outcome instanceof OpenedAdvisory.Refused r
                ? "GitHub refused the draft advisory (" + r.status() + "): " + r.message()
                : "the draft advisory was neither opened nor found";
        advisories.settle(thread, State.REFUSED, null, null, why, at);
        LOG.warn("{}: {}; not retried", thread, LogSafe.text(why));
        return false;
    }
}
