package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentContext;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.PlatformException;
import dev.aisectriage.core.RateLimited;
import dev.aisectriage.core.ThreadPort;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.Verdict;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.LabelSpec;
import dev.aisectriage.store.Corrections;
import dev.aisectriage.store.Installations;
import dev.aisectriage.store.Threads;
import dev.aisectriage.store.Threads.ThreadState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one triage flow, for every platform: classify a thread, then its {@link Verdict} (the model's, or the
 * maintainers' correction it follows: {@link FollowCorrections}), the labels it calls for where the platform has
 * labels ({@link LabelPolicy}) and at most one comment ({@link CommentSlot}), after the maintainers' head start
 * ({@link HeadStart}), an undisclosed report's private channel or containment decided first ({@link ReportInPublic}).
 * Shared by the
 * handlers of issues, discussions, pull requests, replies and Hub discussions. Idempotent: what was done is stored
 * before the next step, the bot's comment is looked up on the platform before one is created, and labels it added,
 * labels people removed and labels maintainers deleted are never added again. The steps that write ({@link
 * ThreadLabels}, {@link ThreadComment}) go through the thread port under the job's lease of the thread, which each
 * write that must happen once checks.
 */
public final class TriageThread {

    private static final Logger LOG = LoggerFactory.getLogger(TriageThread.class);

    private final Classifier classifier;
    private final Renderers renderers;
    private final Function<ThreadRef, RepoConfig> configs;
    private final Threads threads;
    private final BiConsumer<ThreadRef, Prediction> onPrediction;
    private final ThreadPort port;
    private final ThreadLabels labels;
    private final ThreadComment comment;
    private final FollowCorrections corrections;
    private final HeadStart headStart;
    private final ReportInPublic reportInPublic;

    /**
     * @param port every platform's threads
     * @param github where GitHub's labels are created on first use
     * @param configs a thread's repository config (the Hub's are the defaults)
     * @param onPrediction told of every prediction made, with its thread (for the metrics)
     * @param corrections the maintainers' corrections that threads of their repository follow
     * @param headStart the maintainers' head start on a new post ({@code delay_minutes})
     * @param reportInPublic where an undisclosed report posted in public sends its reporter, and its containment
     */
    public TriageThread(
            Classifier classifier,
            Renderers renderers,
            ThreadPort port,
            GitHubGateway github,
            Function<ThreadRef, RepoConfig> configs,
            Threads threads,
            Installations installations,
            BiConsumer<ThreadRef, Prediction> onPrediction,
            Corrections corrections,
            HeadStart headStart,
            ReportInPublic reportInPublic) {
        this.classifier = classifier;
        this.renderers = renderers;
        this.configs = configs;
        this.threads = threads;
        this.onPrediction = onPrediction;
        this.port = port;
        this.labels = new ThreadLabels(port, github, threads, installations);
        this.comment = new ThreadComment(port, threads);
        this.corrections = new FollowCorrections(classifier, corrections);
        this.headStart = headStart;
        this.reportInPublic = reportInPublic;
    }

    public RepoConfig config(ThreadRef ref) {
        return configs.apply(ref);
    }

    /** Classifies the post (with the replies stored for it) and labels and comments as its verdict says. */
    public void triage(ThreadPost post, Lease lease) {
        triage(post, true, lease);
    }

    /** As {@link #triage}, with labels only: never a comment (GitHub's pull requests). */
    public void triageWithoutComment(ThreadPost post, Lease lease) {
        triage(post, false, lease);
    }

    private void triage(ThreadPost post, boolean mayComment, Lease lease) {
        ThreadRef ref = post.ref();
        RepoConfig config = config(ref);
        Optional<ThreadState> state = threads.find(ref);
        if (silenced(post, config, state)) {
            return;
        }
        HeadStart.Wait wait = headStart.before(post, config, state);
        List<String> parts = new ArrayList<>();
        if (!post.text().isEmpty()) {
            parts.add(post.text());
        }
        parts.addAll(threads.replies(ref));
        if (parts.isEmpty()) {
            LOG.info("{}: nothing to classify yet", ref);
            return;
        }
        String text = String.join("\n\n", parts);
        Prediction model = classifier.classify(text);
        onPrediction.accept(ref, model);
        Corrected corrected = corrections.follow(ref, text, model, config);
        Prediction prediction = corrected.prediction();
        Verdict verdict = corrected.verdict();
        threads.recordClassification(ref, post.url(), text, prediction, verdict);
        LOG.info(
                "{}: {} (p={}, theme {}, model {})",
                ref,
                verdict.label(),
                String.format(Locale.ROOT, "%.3f", prediction.securityProbability()),
                prediction.primaryTheme().slug(),
                prediction.modelVersion());
        if (headStart.heldBack(post, wait)) {
            return;
        }
        act(post, config, text, corrected, mayComment, lease);
    }

    /** Off for the repository, for the thread, or for the post's author. */
    private boolean silenced(ThreadPost post, RepoConfig config, Optional<ThreadState> state) {
        ThreadRef ref = post.ref();
        if (!config.enabled()) {
            LOG.info("{}: the bot is disabled by {}", ref, config.source());
            return true;
        }
        if (state.map(ThreadState::off).orElse(false)) {
            LOG.info("{}: switched off on this thread by a maintainer", ref);
            return true;
        }
        if (config.ignoresAuthor(post.author().login(), post.author().bot())) {
            LOG.info("{}: author {} is ignored", ref, post.author().login());
            return true;
        }
        return false;
    }

    private void act(
            ThreadPost post, RepoConfig config, String text, Corrected corrected, boolean mayComment, Lease lease) {
        ThreadRef ref = post.ref();
        Prediction prediction = corrected.prediction();
        try {
            PlatformException labelsFailed = labelsIndependently(
                    post, config, Verdicts.labelsFor(corrected.verdict(), prediction, config), lease);
            if (corrected.verdict() == Verdict.FLAGGED && mayComment) {
                CommentContext context = reportInPublic.answer(
                        post, config, corrected.comment(context(post, text, prediction, config)), lease);
                if (config.comment()) {
                    comment.upsert(ref, renderers.of(ref).triageComment(context), lease);
                }
            }
            if (labelsFailed != null) {
                throw labelsFailed;
            }
        } catch (PlatformException e) {
            if (!e.isGone()) {
                throw e;
            }
            LOG.info("{}: the thread is gone ({}); nothing more to do", ref, e.getMessage());
        }
    }

    /**
     * Labels and comment fail independently: a refusal of the labels (a 422, a 5xx) does not keep the comment from
     * being posted; it is answered here and thrown once the comment is done. A gone thread or a rate limit stops
     * everything at once.
     */
    private PlatformException labelsIndependently(
            ThreadPost post, RepoConfig config, List<LabelSpec> wanted, Lease lease) {
        if (!post.ref().hasLabels()) {
            return null;
        }
        try {
            labels.add(post, config, wanted, lease);
            return null;
        } catch (PlatformException e) {
            if (e instanceof RateLimited || e.isGone()) {
                throw e;
            }
            LOG.warn("{}: labels not added ({}); the comment is still posted", post.ref(), e.getMessage());
            return e;
        }
    }

    /** Adds labels to a thread as {@link LabelPolicy} allows. */
    public void addLabels(ThreadPost post, RepoConfig config, List<LabelSpec> wanted, Lease lease) {
        labels.add(post, config, wanted, lease);
    }

    /**
     * Takes back the labels the bot added to a thread but those named in {@code keep}, after a maintainer corrected its
     * verdict. Labels people set stay; the ones taken back are never added to the thread again.
     */
    public void withdrawLabels(ThreadRef ref, Collection<String> keep) {
        labels.withdraw(ref, keep);
    }

    /**
     * What the answer to {@code explain} is rendered from: the thread, the correction its verdict follows, and where its
     * comment sends a reporter of an undisclosed report (checked, nothing opened), so that the explained comment says
     * what the triage comment says.
     */
    public CommentContext explainContext(ThreadPost post, String text, Corrected corrected, RepoConfig config) {
        return reportInPublic.explained(post, corrected.comment(context(post, text, corrected.prediction(), config)));
    }

    private static CommentContext context(ThreadPost post, String text, Prediction prediction, RepoConfig config) {
        return new CommentContext(post.ref().repository(), post.publicRepository(), text, prediction, config.errors());
    }

    /** A short answer to a maintainer's command, as its own comment (the triage comment stays as it is). */
    public void reply(ThreadRef ref, String body) {
        port.createComment(ref, body);
    }

    /** Creates the bot's one comment, or edits it in place when its content changed; never posts a second. */
    public void upsertComment(ThreadRef ref, String body, Lease lease) {
        comment.upsert(ref, body, lease);
    }
}
