package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentContext;
import dev.aisectriage.catalogue.DisclosureDetector;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.core.ThreadRef.GitHubThread;
import dev.aisectriage.disclosure.PrivateChannels;

/**
 * The triage flow's step for an undisclosed vulnerability report posted in a public GitHub thread: where the comment
 * sends the reporter, checked first (private vulnerability reporting, else the contacts of the {@code SECURITY.md}
 * GitHub shows, else none), and with {@code disclosure: contain} the maintainers given the report privately in a draft
 * advisory, after which the comment says only that. Any other post passes through unchanged and costs no request; a
 * repository's channel costs requests only the first time in its hours ({@link PrivateChannels}).
 */
final class ReportInPublic {

    private final PrivateChannels channels;
    private final DraftAdvisoryOnce advisories;
    private final DisclosureDetector detector = new DisclosureDetector();

    ReportInPublic(PrivateChannels channels, DraftAdvisoryOnce advisories) {
        this.channels = channels;
        this.advisories = advisories;
    }

    /** The comment's context for a flagged post the bot may comment on, after the draft advisory if one is due. */
    CommentContext answer(ThreadPost post, RepoConfig config, CommentContext context, Lease lease) {
        if (!(post.ref() instanceof GitHubThread thread) || !detector.withholds(context)) {
            return context;
        }
        if (config.disclosure() == RepoConfig.Disclosure.CONTAIN && advisories.open(post, thread, lease)) {
            return context.notified();
        }
        return config.comment() ? reaching(thread, context) : context;
    }

    /** As {@link #answer}, opening nothing: the explain command's comment takes the triage comment's place. */
    CommentContext explained(ThreadPost post, CommentContext context) {
        if (!(post.ref() instanceof GitHubThread thread) || !detector.withholds(context)) {
            return context;
        }
        return advisories.opened(thread) ? context.notified() : reaching(thread, context);
    }

    private CommentContext reaching(GitHubThread thread, CommentContext context) {
        return context.reaching(
                channels.of(thread.installationId(), thread.repository()).orElse(null));
    }
}
