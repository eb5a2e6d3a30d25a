package dev.aisectriage.event;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code pull_request.opened} / {@code pull_request.edited}, when the repository's config enables pull requests: the
 * pull request is classified and labelled, and never commented on (a public fix of an unreleased vulnerability must
 * not be advertised: no details, no mitigation list).
 */
public final class TriagePullRequest implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TriagePullRequest.class);

    private final TriageThread triage;

    public TriagePullRequest(TriageThread triage) {
        this.triage = triage;
    }

    @Override
    public void handle(WebhookEvent event) {
        JsonNode changes = event.payload().path("changes");
        if ("edited".equals(event.action())
                && !changes.isMissingNode()
                && !changes.has("title")
                && !changes.has("body")) {
            LOG.info("{}: edit of neither title nor body; nothing to classify again", event.deliveryId());
            return;
        }
        ThreadPost post = ThreadPost.of(event);
        if (!triage.config(post.ref()).pullRequests()) {
            LOG.info("{}: pull requests are not triaged here (pull_requests: false)", post.ref());
            return;
        }
        triage.triageWithoutComment(post);
    }
}
