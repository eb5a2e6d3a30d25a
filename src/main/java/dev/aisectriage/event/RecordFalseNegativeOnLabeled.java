package dev.aisectriage.event;

import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.store.Feedback;
import dev.aisectriage.store.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code issues.labeled} (and {@code discussion.labeled}) with the flag label, by a person, on a thread the bot
 * classified and did not flag: a false negative.
 */
public final class RecordFalseNegativeOnLabeled implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RecordFalseNegativeOnLabeled.class);

    private final TriageThread triage;
    private final Threads threads;
    private final Feedback feedback;

    public RecordFalseNegativeOnLabeled(TriageThread triage, Threads threads, Feedback feedback) {
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
        if (!label.equalsIgnoreCase(config.flagLabel())) {
            return;
        }
        boolean passed = threads.find(post.ref())
                .map(s -> s.verdict() != null && !s.flagged())
                .orElse(false);
        if (passed) {
            String actor = event.payload().path("sender").path("login").asText();
            feedback.record(event.deliveryId(), post.ref(), Feedback.FALSE_NEGATIVE, true, null, actor);
            LOG.info("{}: {} added '{}' to a thread the bot passed: false negative recorded", post.ref(), actor, label);
        }
    }
}
