package dev.aisectriage.event;

import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.LabelChange;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.store.Feedback;
import dev.aisectriage.store.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person's label change on a thread, as feedback: removing one of the bot's labels means it is never added to this
 * thread again, and removing the flag label the bot set is a false positive; adding the flag label to a thread the
 * bot classified and did not flag is a false negative. Changes by bots are not people's judgement.
 */
public final class RecordLabelFeedback implements PayloadHandler<LabelChange> {

    private static final Logger LOG = LoggerFactory.getLogger(RecordLabelFeedback.class);

    private final TriageThread triage;
    private final Stores stores;

    public RecordLabelFeedback(TriageThread triage, Stores stores) {
        this.triage = triage;
        this.stores = stores;
    }

    @Override
    public void handle(Delivery delivery, LabelChange change, Lease lease) {
        if (change.sender().bot()) {
            return;
        }
        ThreadRef ref = change.thread().ref();
        Threads threads = stores.threads();
        Feedback feedback = stores.feedback();
        RepoConfig config = triage.config(ref);
        String label = change.label();
        String actor = change.sender().name();
        if (change.added()) {
            boolean passed = label.equalsIgnoreCase(config.flagLabel())
                    && threads.find(ref)
                            .map(s -> s.verdict() != null && !s.flagged())
                            .orElse(false);
            if (passed) {
                feedback.record(delivery.id(), ref, Feedback.FALSE_NEGATIVE, true, null, actor);
                LOG.info("{}: {} added '{}' to a thread the bot passed: false negative recorded", ref, actor, label);
            }
            return;
        }
        if (!config.isBotLabel(label)) {
            return;
        }
        threads.recordLabelRemovedByHuman(ref, label);
        boolean botSetIt = threads.labelsAddedByBot(ref).stream().anyMatch(label::equalsIgnoreCase);
        if (botSetIt && label.equalsIgnoreCase(config.flagLabel())) {
            feedback.record(delivery.id(), ref, Feedback.FALSE_POSITIVE, false, null, actor);
            LOG.info("{}: {} removed '{}': false positive recorded", ref, actor, label);
        }
    }
}
