package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentContext;
import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.Verdict;
import dev.aisectriage.github.LabelSpec;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.Corrections;
import dev.aisectriage.store.Feedback;
import dev.aisectriage.store.Threads;
import dev.aisectriage.store.Threads.ThreadState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A maintainer's correction of a thread (a label of the bot removed, the flag label added, {@code /ai-security
 * not-security} or {@code theme}): recorded as feedback and as an example for the repository (the post as judged,
 * the verdict given, how the classifier reads it; {@link FollowCorrections} makes later posts follow it), and shown on
 * the thread at once: the labels the corrected verdict does not call for are taken back, the ones it calls for
 * added, and the bot's comment says the corrected verdict (never the model's "Security issue … 99%" after "not
 * security"). Every step can run again: a re-run job repeats none of the writes it made.
 */
record RecordCorrection(
        TriageThread triage,
        Threads threads,
        Feedback feedback,
        Corrections corrections,
        Classifier classifier,
        FollowCorrections follow,
        CommentRenderer renderer) {

    private static final Logger LOG = LoggerFactory.getLogger(RecordCorrection.class);

    /** @param renderer the comment's renderer (GitHub's: only GitHub's threads are corrected) */
    static RecordCorrection of(TriageThread triage, Stores stores, Classifier classifier, CommentRenderer renderer) {
        return new RecordCorrection(
                triage,
                stores.threads(),
                stores.feedback(),
                stores.corrections(),
                classifier,
                new FollowCorrections(classifier, stores.corrections()),
                renderer);
    }

    /** What a maintainer said of a thread. */
    record Word(String deliveryId, String signal, boolean security, Theme theme, String actor) {}

    /**
     * @param post the thread; its labels are those a person set that the bot defers to (none for a command: what a
     *     maintainer asks for counts as theirs)
     */
    void record(ThreadPost post, Word word, Lease lease) {
        ThreadRef ref = post.ref();
        feedback.record(word.deliveryId(), ref, word.signal(), word.security(), word.theme(), word.actor());
        String text = text(post);
        Prediction prediction = classifier.classify(text);
        corrections.record(new Corrections.Correction(
                ref,
                post.url(),
                text,
                word.security(),
                word.theme(),
                word.signal(),
                word.actor(),
                follow.read(text, prediction),
                Instant.now().toString()));
        RepoConfig config = triage.config(ref);
        Corrected corrected = follow.follow(ref, text, prediction, config);
        threads.recordClassification(ref, post.url(), text, corrected.prediction(), corrected.verdict());
        LOG.info(
                "{}: {} corrected the verdict to {}; very similar posts of the repository follow it",
                ref,
                LogSafe.text(word.actor()),
                corrected.verdict().label());
        show(post, config, text, corrected, lease);
    }

    /** The post as the bot last classified it (with its replies), else as the event shows it. */
    private String text(ThreadPost post) {
        String stored = threads.find(post.ref()).map(ThreadState::text).orElse(null);
        if (stored != null && !stored.isBlank()) {
            return stored;
        }
        List<String> parts = new ArrayList<>();
        parts.add(post.text());
        parts.addAll(threads.replies(post.ref()));
        return String.join("\n\n", parts);
    }

    private void show(ThreadPost post, RepoConfig config, String text, Corrected corrected, Lease lease) {
        ThreadRef ref = post.ref();
        List<LabelSpec> wanted = Verdicts.labelsFor(corrected.verdict(), corrected.prediction(), config);
        triage.withdrawLabels(ref, wanted.stream().map(LabelSpec::name).toList());
        triage.addLabels(post, config, wanted, lease);
        CommentContext context = corrected.comment(new CommentContext(
                ref.repository(), post.publicRepository(), text, corrected.prediction(), config.errors()));
        boolean flagged = corrected.verdict() == Verdict.FLAGGED && config.comment() && !post.pullRequest();
        boolean notSecurity =
                corrected.correction() != null && !corrected.correction().security();
        boolean commented = threads.find(ref).map(ThreadState::commentId).isPresent();
        if (flagged || (notSecurity && commented)) {
            triage.upsertComment(ref, renderer.triageComment(context), lease);
        }
    }
}
