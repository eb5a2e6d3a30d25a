package dev.aisectriage.event;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.PostEvent;
import dev.aisectriage.core.ThreadPost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread opened or edited (an issue, a discussion, a pull request): classify it, then label it and keep its one
 * comment up to date. An edit that changed neither title nor body is skipped. A pull request is triaged only where
 * the repository's config enables it, and labelled, never commented on: a public fix of an unreleased vulnerability
 * must not be advertised (no details, no mitigation list).
 */
public final class TriagePost implements PayloadHandler<PostEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(TriagePost.class);

    private final TriageThread triage;

    public TriagePost(TriageThread triage) {
        this.triage = triage;
    }

    @Override
    public void handle(Delivery delivery, PostEvent event, Lease lease) {
        if (!event.textChanged()) {
            LOG.info("{}: edit of neither title nor body; nothing to classify again", delivery.id());
            return;
        }
        ThreadPost post = event.post();
        if (!post.pullRequest()) {
            triage.triage(post, lease);
        } else if (triage.config(post.ref()).pullRequests()) {
            triage.triageWithoutComment(post, lease);
        } else {
            LOG.info("{}: pull requests are not triaged here (pull_requests: false)", post.ref());
        }
    }
}
