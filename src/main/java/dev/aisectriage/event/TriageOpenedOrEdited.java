package dev.aisectriage.event;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssueChanges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code issues.opened} / {@code issues.edited} and {@code discussion.created} / {@code discussion.edited}: classify the
 * thread, then label it and keep its one comment up to date. An edit that changed neither title nor body is skipped.
 */
public final class TriageOpenedOrEdited {

    private static final Logger LOG = LoggerFactory.getLogger(TriageOpenedOrEdited.class);

    private final TriageThread triage;

    public TriageOpenedOrEdited(TriageThread triage) {
        this.triage = triage;
    }

    public void issue(Delivery delivery, GHEventPayload.Issue payload, Lease lease) {
        GHIssueChanges changes = payload.getChanges();
        boolean titleOrBody = changes != null && (changes.getTitle() != null || changes.getBody() != null);
        if (textEdited(delivery, changes != null, titleOrBody)) {
            triage.triage(ThreadPost.of(delivery, payload), lease);
        }
    }

    public void discussion(Delivery delivery, DiscussionPayload payload, Lease lease) {
        DiscussionPayload.Changes changes = payload.changes();
        boolean titleOrBody = changes != null && (changes.title() != null || changes.body() != null);
        if (textEdited(delivery, changes != null, titleOrBody)) {
            triage.triage(ThreadPost.of(delivery, payload), lease);
        }
    }

    /** False for an edit whose {@code changes} name neither title nor body (an edit without changes is read again). */
    static boolean textEdited(Delivery delivery, boolean hasChanges, boolean titleOrBody) {
        if ("edited".equals(delivery.action()) && hasChanges && !titleOrBody) {
            LOG.info("{}: edit of neither title nor body; nothing to classify again", delivery.id());
            return false;
        }
        return true;
    }
}
