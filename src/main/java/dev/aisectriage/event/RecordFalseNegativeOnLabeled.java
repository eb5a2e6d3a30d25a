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
 * {@code issues.labeled} (and {@code discussion.labeled}) with the flag label, by a person, on a thread the bot
 * classified and did not flag: a false negative.
 */
public final class RecordFalseNegativeOnLabeled {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFalseNegativeOnLabeled.class);

    private final TriageThread triage;
    private final Threads threads;
    private final Feedback feedback;

    public RecordFalseNegativeOnLabeled(TriageThread triage, Threads threads, Feedback feedback) {
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
        if (change.sender().bot()) {
            return;
        }
        RepoConfig config = triage.config(post.ref());
        if (!change.label().equalsIgnoreCase(config.flagLabel())) {
            return;
        }
        boolean passed = threads.find(post.ref())
                .map(s -> s.verdict() != null && !s.flagged())
                .orElse(false);
        if (passed) {
            String actor = change.sender().name();
            feedback.record(delivery.id(), post.ref(), Feedback.FALSE_NEGATIVE, true, null, actor);
            LOG.info(
                    "{}: {} added '{}' to a thread the bot passed: false negative recorded",
                    post.ref(),
                    actor,
                    change.label());
        }
    }
}
