package dev.aisectriage.event;

import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.Deferred;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.core.ThreadRef.GitHubThread;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.Threads;
import dev.aisectriage.store.Threads.ThreadState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintainers' head start on a new post ({@code delay_minutes}): before the bot first acts on a thread, it waits
 * until the post is that old. The job does not wait: it is put back in the queue, due then ({@link Deferred}), so no
 * worker sleeps and a restart keeps it. Then the thread is read again, and if a maintainer labelled, commented on,
 * closed or locked it meanwhile, the bot records its verdict and stays silent on the thread from then on.
 */
record HeadStart(GitHubGateway github, Threads threads, Clock clock) {

    /** What the head start means for one run of the flow. */
    enum Wait {
        /** No head start: act as usual. */
        NONE,
        /** The head start is over: read the thread again before acting. */
        OVER,
        /** A maintainer acted first on this thread earlier: stay silent. */
        HELD_BACK
    }

    private static final Logger LOG = LoggerFactory.getLogger(HeadStart.class);

    /**
     * Before the post is classified. A thread is new while the bot has no verdict for it; a post whose event names
     * no creation time (a backfill) has no head start.
     *
     * @param state what the store holds of the thread (read once by the flow)
     * @throws Deferred while the head start runs: the job is due again when it ends
     */
    Wait before(ThreadPost post, RepoConfig config, Optional<ThreadState> state) {
        if (state.map(ThreadState::heldBack).isPresent()) {
            return Wait.HELD_BACK;
        }
        if (config.delayMinutes() == 0
                || !(post.ref() instanceof GitHubThread)
                || post.createdAt() == null
                || state.map(s -> s.verdict() != null).orElse(false)) {
            return Wait.NONE;
        }
        Instant due = post.createdAt().plus(Duration.ofMinutes(config.delayMinutes()));
        if (clock.instant().isBefore(due)) {
            LOG.info(
                    "{}: maintainers have a head start of {} minutes; the bot acts after {}",
                    post.ref(),
                    config.delayMinutes(),
                    due);
            throw new Deferred(due, "head start of " + config.delayMinutes() + " minutes (delay_minutes)");
        }
        return Wait.OVER;
    }

    /** After the verdict is recorded: whether the bot stays silent because a maintainer acted first. */
    boolean heldBack(ThreadPost post, Wait wait) {
        if (wait == Wait.HELD_BACK) {
            LOG.info("{}: a maintainer acted first during the head start; the bot stays silent", post.ref());
            return true;
        }
        if (wait != Wait.OVER) {
            return false;
        }
        Optional<String> acted = github.maintainerActivity(
                (GitHubThread) post.ref(), post.author().login(), post.labels());
        acted.ifPresent(what -> {
            threads.recordHeldBack(post.ref(), what);
            LOG.info(
                    "{}: during the head start {}; the bot records its verdict and stays silent",
                    post.ref(),
                    LogSafe.text(what));
        });
        return acted.isPresent();
    }
}
