package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentContext;
import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.config.RepoConfigLoader;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.github.GitHubApiException;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.LabelSpec;
import dev.aisectriage.github.RateLimitedException;
import dev.aisectriage.store.Installations;
import dev.aisectriage.store.Threads;
import dev.aisectriage.store.Threads.ThreadState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies a thread and acts on it: the labels its verdict calls for and at most one comment. Shared by the
 * handlers of issues, discussions and replies. Idempotent: what was done is stored before the next step, the
 * bot's comment is looked up on GitHub before one is created, and labels it added, labels people removed and
 * labels maintainers deleted are never added again. The policies are pure ({@link Verdicts}, {@link LabelPolicy},
 * {@link CommentSlot}); the GitHub steps are {@link ThreadLabels} and {@link ThreadComment}, under the job's lease of
 * the thread, which each write that must happen once checks.
 */
public final class TriageThread {

    private static final Logger LOG = LoggerFactory.getLogger(TriageThread.class);

    private final Classifier classifier;
    private final CommentRenderer renderer;
    private final RepoConfigLoader configs;
    private final Threads threads;
    private final Consumer<Prediction> onPrediction;
    private final ThreadLabels labels;
    private final ThreadComment comment;
    private final GitHubGateway gateway;

    public TriageThread(
            Classifier classifier,
            CommentRenderer renderer,
            GitHubGateway gateway,
            RepoConfigLoader configs,
            Threads threads,
            Installations installations,
            Consumer<Prediction> onPrediction) {
        this.onPrediction = onPrediction;
        this.classifier = classifier;
        this.renderer = renderer;
        this.configs = configs;
        this.threads = threads;
        this.gateway = gateway;
        this.labels = new ThreadLabels(gateway, threads, installations);
        this.comment = new ThreadComment(gateway, threads);
    }

    public RepoConfig config(ThreadRef ref) {
        return configs.load(ref.installationId(), ref.repository());
    }

    /** Classifies the post (with the replies stored for it) and labels and comments as its verdict says. */
    public void triage(ThreadPost post, Lease lease) {
        triage(post, true, lease);
    }

    /** As {@link #triage}, with labels only: never a comment (pull requests). */
    public void triageWithoutComment(ThreadPost post, Lease lease) {
        triage(post, false, lease);
    }

    private void triage(ThreadPost post, boolean mayComment, Lease lease) {
        ThreadRef ref = post.ref();
        RepoConfig config = config(ref);
        if (silenced(post, config)) {
            return;
        }
        List<String> parts = new ArrayList<>();
        parts.add(post.text());
        parts.addAll(threads.replies(ref));
        String text = String.join("\n\n", parts);
        Prediction prediction = classifier.classify(text);
        onPrediction.accept(prediction);
        String verdict = Verdicts.verdict(prediction, config);
        threads.recordClassification(ref, post.url(), text, prediction, verdict);
        LOG.info(
                "{}: {} (p={}, theme {}, model {})",
                ref,
                verdict,
                String.format(Locale.ROOT, "%.3f", prediction.securityProbability()),
                prediction.primaryTheme().slug(),
                prediction.modelVersion());
        act(post, config, text, prediction, verdict, mayComment, lease);
    }

    /** Off for the repository, for the thread, or for the post's author. */
    private boolean silenced(ThreadPost post, RepoConfig config) {
        ThreadRef ref = post.ref();
        if (!config.enabled()) {
            LOG.info("{}: the bot is disabled by {}", ref, config.source());
            return true;
        }
        if (threads.find(ref).map(ThreadState::off).orElse(false)) {
            LOG.info("{}: switched off on this thread by a maintainer", ref);
            return true;
        }
        if (config.ignoresAuthor(post.author(), post.authorIsBot())) {
            LOG.info("{}: author {} is ignored", ref, post.author());
            return true;
        }
        return false;
    }

    private void act(
            ThreadPost post,
            RepoConfig config,
            String text,
            Prediction prediction,
            String verdict,
            boolean mayComment,
            Lease lease) {
        ThreadRef ref = post.ref();
        try {
            GitHubApiException labelsFailed =
                    labelsIndependently(post, config, Verdicts.labelsFor(verdict, prediction, config), lease);
            if (Verdicts.FLAGGED.equals(verdict) && config.comment() && mayComment) {
                CommentContext context = new CommentContext(
                        ref.repository(), post.publicRepository(), text, prediction, config.errors());
                comment.upsert(ref, renderer.triageComment(context), lease);
            }
            if (labelsFailed != null) {
                throw labelsFailed;
            }
        } catch (GitHubApiException e) {
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
    private GitHubApiException labelsIndependently(
            ThreadPost post, RepoConfig config, List<LabelSpec> wanted, Lease lease) {
        try {
            labels.add(post, config, wanted, lease);
            return null;
        } catch (RateLimitedException e) {
            throw e;
        } catch (GitHubApiException e) {
            if (e.isGone()) {
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
     * Takes back the labels the bot added to a thread, after a maintainer said it is not a security issue. Labels
     * people set stay; the ones taken back are never added to the thread again.
     */
    public void withdrawLabels(ThreadRef ref) {
        labels.withdraw(ref);
    }

    /** A short answer to a maintainer's command, as its own comment (the triage comment stays as it is). */
    public void reply(ThreadRef ref, String body) {
        gateway.createComment(ref, body);
    }

    /** Creates the bot's one comment, or edits it in place when its content changed; never posts a second. */
    public void upsertComment(ThreadRef ref, String body, Lease lease) {
        comment.upsert(ref, body, lease);
    }

    static String verdict(Prediction p, RepoConfig config) {
        return Verdicts.verdict(p, config);
    }
}
