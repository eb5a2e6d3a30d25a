package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.Reply;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.Feedback;
import dev.aisectriage.store.Threads;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maintainers' commands in a comment (new, or edited to give a command it did not have), honoured only from OWNER,
 * MEMBER or COLLABORATOR:
 * {@code /ai-security not-security} (a correction: the bot takes its labels back, says so in its comment and stops
 * acting on the thread), {@code /ai-security theme <name>} (a correction: the theme's labels replace the bot's
 * others and its comment names the theme), {@code /ai-security explain} (the bot's comment shows why, and which
 * correction it followed), {@code /ai-security off} (the bot stops acting on it). Corrections are followed by very
 * similar posts of the repository ({@link RecordCorrection}).
 */
public final class ApplySlashCommand implements PayloadHandler<Reply> {

    public static final Set<String> TRUSTED = Set.of("OWNER", "MEMBER", "COLLABORATOR");
    private static final Logger LOG = LoggerFactory.getLogger(ApplySlashCommand.class);

    private final TriageThread triage;
    private final Threads threads;
    private final Classifier classifier;
    private final CommentRenderer renderer;
    private final RecordCorrection corrections;
    private final FollowCorrections follow;

    /** @param renderer how the answer to {@code explain} reads (GitHub's: commands are GitHub's) */
    ApplySlashCommand(
            TriageThread triage,
            Stores stores,
            Classifier classifier,
            CommentRenderer renderer,
            RecordCorrection corrections) {
        this.triage = triage;
        this.threads = stores.threads();
        this.classifier = classifier;
        this.renderer = renderer;
        this.corrections = corrections;
        this.follow = new FollowCorrections(classifier, stores.corrections());
    }

    @Override
    public void handle(Delivery delivery, Reply reply, Lease lease) {
        Optional<SlashCommand> command = SlashCommand.parse(reply.body());
        if (command.isEmpty() || reply.author().bot()) {
            return;
        }
        if ("edited".equals(delivery.action()) && command.equals(SlashCommand.parse(reply.previousBody()))) {
            // The edit changed something else in a comment whose command was already applied when it was written.
            return;
        }
        ThreadPost post = reply.thread().get();
        String actor = reply.author().name();
        if (!TRUSTED.contains(reply.association())) {
            LOG.info(
                    "{}: /ai-security {} from {} ({}) ignored: only owners, members and collaborators",
                    post.ref(),
                    command.get().verb(),
                    LogSafe.text(actor),
                    LogSafe.text(reply.association()));
            return;
        }
        run(delivery.id(), post, command.get(), actor, lease);
        LOG.info("{}: /ai-security {} by {}", post.ref(), command.get().verb(), LogSafe.text(actor));
    }

    private void run(String deliveryId, ThreadPost post, SlashCommand command, String actor, Lease lease) {
        ThreadRef ref = post.ref();
        switch (command.verb()) {
            case "not-security" -> {
                threads.setOff(ref, true);
                corrections.record(
                        post.withoutLabels(),
                        new RecordCorrection.Word(deliveryId, Feedback.NOT_SECURITY, false, null, actor),
                        lease);
            }
            case "theme" -> theme(deliveryId, post, command.argument(), actor, lease);
            case "explain" -> explain(post, lease);
            case "off" -> threads.setOff(ref, true);
            default -> LOG.info("{}: unknown command /ai-security {}", ref, command.verb());
        }
    }

    private void theme(String deliveryId, ThreadPost post, String name, String actor, Lease lease) {
        Theme theme;
        try {
            theme = Theme.parse(name);
        } catch (IllegalArgumentException e) {
            LOG.info("{}: /ai-security theme not applied: {}", post.ref(), LogSafe.text(e.getMessage()));
            // Quoted back without mentions or code fences, so the answer cannot notify anyone nor break its markup.
            String asked = name.replace("`", "'").replace("@", "@\u200b");
            triage.reply(
                    post.ref(),
                    "`/ai-security theme " + asked + "` was not applied: there is no theme '" + asked + "'. Use one"
                            + " of "
                            + String.join(
                                    ", ",
                                    Arrays.stream(Theme.values())
                                            .map(t -> "`" + t.slug() + "`")
                                            .toList())
                            + ", for example `/ai-security theme " + Theme.MODEL.slug() + "`.");
            return;
        }
        // the maintainer asked for it: their theme label counts as theirs, not as a person's label to defer to
        corrections.record(
                post.withoutLabels(), new RecordCorrection.Word(deliveryId, Feedback.THEME, true, theme, actor), lease);
    }

    /** The bot's comment with why it says so: the model's reading, and the correction the verdict follows. */
    private void explain(ThreadPost post, Lease lease) {
        String text = threads.find(post.ref()).map(Threads.ThreadState::text).orElse(post.text());
        RepoConfig config = triage.config(post.ref());
        Corrected corrected = follow.follow(post.ref(), text, classifier.classify(text), config);
        if (threads.find(post.ref()).isEmpty()) {
            threads.recordClassification(post.ref(), post.url(), text, corrected.prediction(), corrected.verdict());
        }
        triage.upsertComment(
                post.ref(), renderer.explainComment(triage.explainContext(post, text, corrected, config)), lease);
    }
}
