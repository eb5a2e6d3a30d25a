package dev.aisectriage.event;

import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.store.Feedback;
import dev.aisectriage.store.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code issues.unlabeled} (and {@code discussion.unlabeled}) of one of the bot's labels by a person: the label is
 * never added to this thread again, and removing the flag label the bot set is recorded as a false positive.
 */
public final class RecordFeedbackOnUnlabeled implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFeedbackOnUnlabeled.class);

    private final TriageThread triage;
    private final Threads threads;
    private final Feedback feedback;

    public RecordFeedbackOnUnlabeled(TriageThread triage, Threads threads, Feedback feedback) {
        this.triage = triage;
        this.threads = threads;
        this.feedback = feedback;
    }

    @Override
    public void handle(WebhookEvent event) {
        if (ThreadPost.isBot(event.payload().path("sender"))) {
            return;
        }
        String label = event.payload().path("label").path("name").asText("");
        ThreadPost post = ThreadPost.of(event);
        RepoConfig config = triage.config(post.ref());
        if (!config.isBotLabel(label)) {
            return;
        }
        threads.recordLabelRemovedByHuman(post.ref(), label);
        boolean botSetIt = threads.labelsAddedByBot(post.ref()).stream().anyMatch(label::equalsIgnoreCase);
        if (botSetIt && label.equalsIgnoreCase(config.flagLabel())) {
            String actor = event.payload().path("sender").path("login").asText();
            feedback.record(event.deliveryId(), post.ref(), Feedback.FALSE_POSITIVE, false, null, actor);
            LOG.info("{}: {} removed '{}': false positive recorded", post.ref(), actor, label);
        }
    }
}
