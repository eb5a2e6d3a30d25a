package dev.aisectriage.event;

import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import dev.aisectriage.store.Feedback;
import dev.aisectriage.store.Threads;
import org.kohsuke.github.GHEventPayload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code issues.unlabeled} (and {@code discussion.unlabeled}) of one of the bot's labels by a person: the label is
 * never added to this thread again, and removing the flag label the bot set is recorded as a false positive.
 */
public final class RecordFeedbackOnUnlabeled {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFeedbackOnUnlabeled.class);

    private final TriageThread triage;
    private final Threads threads;
    private final Feedback feedback;

    public RecordFeedbackOnUnlabeled(TriageThread triage, Threads threads, Feedback feedback) {
        this.triage = triage;
        this.threads = threads;
        this.feedback = feedback;
    }

    public void issue(Delivery delivery, GHEventPayload.Issue payload, Lease lease) {
        record(delivery, LabelChange.of(payload), ThreadPost.of(delivery, payload));
    }

    public void discussion(Delivery delivery, DiscussionPayload payload, Lease lease) {
        record(delivery, LabelChange.of(payload), ThreadPost.of(delivery, payload));
    }

    private void record(Delivery delivery, LabelChange change, ThreadPost post) {
        String label = change.label();
        if (change.sender().bot()) {
            return;
        }
        RepoConfig config = triage.config(post.ref());
        if (!config.isBotLabel(label)) {
            return;
        }
        threads.recordLabelRemovedByHuman(post.ref(), label);
        boolean botSetIt = threads.labelsAddedByBot(post.ref()).stream().anyMatch(label::equalsIgnoreCase);
        if (botSetIt && label.equalsIgnoreCase(config.flagLabel())) {
            String actor = change.sender().name();
            feedback.record(delivery.id(), post.ref(), Feedback.FALSE_POSITIVE, false, null, actor);
            LOG.info("{}: {} removed '{}': false positive recorded", post.ref(), actor, label);
        }
    }
}
