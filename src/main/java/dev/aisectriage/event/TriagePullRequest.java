package dev.aisectriage.event;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHPullRequestChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pull_request.opened} / {@code pull_request.edited}, when the repository's config enables pull requests: the
 * pull request is classified and labelled, and never commented on (a public fix of an unreleased vulnerability must
 * not be advertised: no details, no mitigation list).
 */
public final class TriagePullRequest implements PayloadHandler<GHEventPayload.PullRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(TriagePullRequest.class);

    private final TriageThread triage;

    public TriagePullRequest(TriageThread triage) {
        this.triage = triage;
    }

    @Override
    public void handle(Delivery delivery, GHEventPayload.PullRequest payload, Lease lease) {
        GHPullRequestChanges changes = payload.getChanges();
        boolean titleOrBody = changes != null && (changes.getTitle() != null || changes.getBody() != null);
        if (!TriageOpenedOrEdited.textEdited(delivery, changes != null, titleOrBody)) {
            return;
        }
        ThreadPost post = ThreadPost.of(delivery, payload);
        if (!triage.config(post.ref()).pullRequests()) {
            LOG.info("{}: pull requests are not triaged here (pull_requests: false)", post.ref());
            return;
        }
        triage.triageWithoutComment(post, lease);
    }
}
