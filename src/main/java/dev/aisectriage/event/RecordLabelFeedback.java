package dev.aisectriage.event;

import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.LabelChange;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.store.Corrections;
import dev.aisectriage.store.Feedback;
import dev.aisectriage.store.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A person's label change on a thread, as feedback: removing one of the bot's labels means it is never added to this
 * thread again, and removing the flag label (the bot's, or one a correction called for) is a false positive; adding
 * the flag label to a thread the bot classified and did not flag is a false negative. Both are corrections the thread
 * and its repository follow at once ({@link RecordCorrection}). Changes by bots are not people's judgement; whoever
 * GitHub lets label a thread may correct it.
 */
public record RecordLabelFeedback(TriageThread triage, Stores stores, RecordCorrection corrections)
        implements PayloadHandler<LabelChange> {

    private static final Logger LOG = LoggerFactory.getLogger(RecordLabelFeedback.class);

    @Override
    public void handle(Delivery delivery, LabelChange change, Lease lease) {
        if (change.sender().bot()) {
            return;
        }
        ThreadRef ref = change.thread().ref();
        Threads threads = stores.threads();
        RepoConfig config = triage.config(ref);
        String label = change.label();
        String actor = change.sender().name();
        boolean flag = label.equalsIgnoreCase(config.flagLabel());
        if (change.added()) {
            boolean passed = flag
                    && threads.find(ref)
                            .map(s -> s.verdict() != null && !s.flagged())
                            .orElse(false);
            if (passed) {
                LOG.info("{}: {} added '{}' to a thread the bot passed: false negative", ref, actor, label);
                corrections.record(
                        change.thread(),
                        new RecordCorrection.Word(delivery.id(), Feedback.FALSE_NEGATIVE, true, null, actor),
                        lease);
            }
            return;
        }
        if (!config.isBotLabel(label)) {
            return;
        }
        threads.recordLabelRemovedByHuman(ref, label);
        boolean botSetIt = threads.labelsAddedByBot(ref).stream().anyMatch(label::equalsIgnoreCase);
        boolean corrected = stores.corrections()
                .of(ref)
                .map(Corrections.Correction::security)
                .orElse(false);
        if (flag && (botSetIt || corrected)) {
            LOG.info("{}: {} removed '{}': false positive", ref, actor, label);
            corrections.record(
                    change.thread(),
                    new RecordCorrection.Word(delivery.id(), Feedback.FALSE_POSITIVE, false, null, actor),
                    lease);
        }
    }
}
