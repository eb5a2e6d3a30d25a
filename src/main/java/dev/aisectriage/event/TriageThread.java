package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentContext;
import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.config.RepoConfigLoader;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.github.GitHubApiException;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.LabelSpec;
import dev.aisectriage.github.RemoteComment;
import dev.aisectriage.store.Installations;
import dev.aisectriage.store.Threads;
import dev.aisectriage.store.Threads.ThreadState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies a thread and acts on it: the labels its verdict calls for and at most one comment. Shared by the
 * handlers of issues, discussions and replies. Idempotent: what was done is stored before the next step, the
 * bot's comment is looked up on GitHub (by its marker) before one is created, and labels it added, labels people
 * removed and labels maintainers deleted are never added again.
 */
public final class TriageThread {

    static final String FLAGGED = "flagged";
    static final String ABSTAINED = "abstained";
    static final String PASSED = "passed";
    static final String IGNORED = "ignored";
    /** Stored instead of a comment id when a maintainer deleted the bot's comment: it is not posted again. */
    static final String COMMENT_DELETED = "deleted";

    private static final Logger LOG = LoggerFactory.getLogger(TriageThread.class);
    private static final double ISSUE_TYPE_LABEL_FROM = 0.5;

    private final Classifier classifier;
    private final CommentRenderer renderer;
    private final GitHubGateway gateway;
    private final RepoConfigLoader configs;
    private final Threads threads;
    private final Installations installations;
    private final Consumer<Prediction> onPrediction;
    /** Two events of one thread handled at once by two workers must not both post a comment (striped: bounded memory). */
    private final ReentrantLock[] locks = new ReentrantLock[64];

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
        this.gateway = gateway;
        this.configs = configs;
        this.threads = threads;
        this.installations = installations;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    public RepoConfig config(ThreadRef ref) {
        return configs.load(ref.installationId(), ref.repository());
    }

    /** Classifies the post (with the replies stored for it) and labels and comments as its verdict says. */
    public void triage(ThreadPost post) {
        locked(post.ref(), () -> triageLocked(post, true));
    }

    /** As {@link #triage}, with labels only: never a comment (pull requests). */
    public void triageWithoutComment(ThreadPost post) {
        locked(post.ref(), () -> triageLocked(post, false));
    }

    private void triageLocked(ThreadPost post, boolean mayComment) {
        ThreadRef ref = post.ref();
        RepoConfig config = config(ref);
        if (!config.enabled()) {
            LOG.info("{}: the bot is disabled by {}", ref, config.source());
            return;
        }
        Optional<ThreadState> state = threads.find(ref);
        if (state.map(ThreadState::off).orElse(false)) {
            LOG.info("{}: switched off on this thread by a maintainer", ref);
            return;
        }
        if (config.ignoresAuthor(post.author(), post.authorIsBot())) {
            LOG.info("{}: author {} is ignored", ref, post.author());
            return;
        }
        List<String> parts = new ArrayList<>();
        parts.add(post.text());
        parts.addAll(threads.replies(ref));
        String text = String.join("\n\n", parts);
        Prediction prediction = classifier.classify(text);
        onPrediction.accept(prediction);
        String verdict = verdict(prediction, config);
        threads.recordClassification(ref, post.url(), text, prediction, verdict);
        LOG.info(
                "{}: {} (p={}, theme {}, model {})",
                ref,
                verdict,
                String.format(Locale.ROOT, "%.3f", prediction.securityProbability()),
                prediction.primaryTheme().slug(),
                prediction.modelVersion());
        try {
            addLabels(post, config, labelsFor(verdict, prediction, config));
            if (FLAGGED.equals(verdict) && config.comment() && mayComment) {
                CommentContext context = new CommentContext(
                        ref.repository(), post.publicRepository(), text, prediction, config.errors());
                upsertComment(ref, renderer.triageComment(context));
            }
        } catch (GitHubApiException e) {
            if (!e.isGone()) {
                throw e;
            }
            LOG.info("{}: the thread is gone ({}); nothing more to do", ref, e.getMessage());
        }
    }

    /**
     * Adds labels to a thread, people first: none if a person already set a theme label, and never one a person
     * removed from this thread, one the bot already added, or one a maintainer deleted from the repository.
     */
    public void addLabels(ThreadPost post, RepoConfig config, List<LabelSpec> wanted) {
        locked(post.ref(), () -> addLabelsLocked(post, config, wanted));
    }

    private void addLabelsLocked(ThreadPost post, RepoConfig config, List<LabelSpec> wanted) {
        ThreadRef ref = post.ref();
        if (wanted.isEmpty()) {
            return;
        }
        Set<String> addedByBot = lower(threads.labelsAddedByBot(ref));
        boolean personSetTheme = post.labels().stream()
                .anyMatch(l -> config.themeOfLabel(l).isPresent() && !addedByBot.contains(l.toLowerCase(Locale.ROOT)));
        if (personSetTheme) {
            LOG.info("{}: a person already set a theme label; the bot adds none", ref);
            return;
        }
        Set<String> skip = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        skip.addAll(post.labels());
        skip.addAll(addedByBot);
        skip.addAll(threads.labelsRemovedByHumans(ref));
        Set<String> deleted = installations.labelsDeletedByMaintainers(ref.repository());
        skip.addAll(deleted);
        List<String> names = new ArrayList<>();
        for (LabelSpec label : wanted) {
            if (!skip.contains(label.name()) && !names.contains(label.name())) {
                names.add(label.name());
            }
        }
        if (names.isEmpty()) {
            return;
        }
        for (LabelSpec label : wanted) {
            // issue-type labels are created on first use, with their colour, rather than grey by GitHub
            if (names.contains(label.name())
                    && !config.labels().containsValue(label)
                    && !installations.createdLabel(ref.repository(), label.name())) {
                gateway.createLabel(ref.installationId(), ref.repository(), label);
                installations.recordLabelCreated(ref.installationId(), ref.repository(), label.name());
            }
        }
        gateway.addLabels(ref, names);
        threads.recordLabelsAdded(ref, names);
    }

    /**
     * Takes back the labels the bot added to a thread, after a maintainer said it is not a security issue. Labels
     * people set stay; the ones taken back are never added to the thread again.
     */
    public void withdrawLabels(ThreadRef ref) {
        locked(ref, () -> {
            Set<String> removed = lower(threads.labelsRemovedByHumans(ref));
            for (String label : threads.labelsAddedByBot(ref)) {
                if (!removed.contains(label.toLowerCase(Locale.ROOT))) {
                    gateway.removeLabel(ref, label);
                    threads.recordLabelRemovedByHuman(ref, label);
                }
            }
        });
    }

    /** Creates the bot's one comment, or edits it in place when its content changed; never posts a second. */
    /** A short answer to a maintainer's command, as its own comment (the triage comment stays as it is). */
    public void reply(ThreadRef ref, String body) {
        gateway.createComment(ref, body);
    }

    public void upsertComment(ThreadRef ref, String body) {
        locked(ref, () -> upsertCommentLocked(ref, body));
    }

    private void upsertCommentLocked(ThreadRef ref, String body) {
        if (!CommentMarker.isOurs(body)) {
            throw new IllegalArgumentException("the bot's comment must carry " + CommentMarker.MARKER);
        }
        String hash = sha256(body);
        Optional<ThreadState> state = threads.find(ref);
        String id = state.map(ThreadState::commentId).orElse(null);
        String storedHash = state.map(ThreadState::commentHash).orElse(null);
        if (COMMENT_DELETED.equals(id)) {
            LOG.info("{}: a maintainer deleted the bot's comment; not posting it again", ref);
            return;
        }
        if (id == null) {
            Optional<RemoteComment> posted = adoptOwnComment(ref);
            if (posted.isEmpty()) {
                createComment(ref, body, hash);
                return;
            }
            id = posted.get().id();
            storedHash = sha256(posted.get().body());
        }
        if (hash.equals(storedHash)) {
            return;
        }
        try {
            gateway.updateComment(ref, id, body);
        } catch (GitHubApiException e) {
            if (!e.isGone()) {
                throw e;
            }
            threads.recordComment(ref, COMMENT_DELETED, null);
            LOG.info("{}: the bot's comment {} was deleted; it stays deleted", ref, id);
            return;
        }
        threads.recordComment(ref, id, hash);
    }

    /** The bot's comment already on the thread (posted before a crash, or by a write whose answer failed). */
    private Optional<RemoteComment> adoptOwnComment(ThreadRef ref) {
        for (RemoteComment c : gateway.listComments(ref)) {
            // the marker alone proves nothing: anybody can copy it into a comment of their own
            if (c.byThisApp() && CommentMarker.isOurs(c.body())) {
                threads.recordComment(ref, c.id(), sha256(c.body()));
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Posts the comment once. A failure without a clear refusal (5xx, time-out) may come after GitHub applied the
     * write, so the thread is searched for it before anything is tried again.
     */
    private void createComment(ThreadRef ref, String body, String hash) {
        String created;
        try {
            created = gateway.createComment(ref, body);
        } catch (GitHubApiException e) {
            if (e.isFinal() || e.retryAt() != null) {
                throw e;
            }
            Optional<RemoteComment> applied = adoptOwnComment(ref);
            if (applied.isEmpty()) {
                throw e;
            }
            LOG.info("{}: the comment was created although its answer failed ({}); adopted", ref, e.getMessage());
            if (!hash.equals(sha256(applied.get().body()))) {
                gateway.updateComment(ref, applied.get().id(), body);
                threads.recordComment(ref, applied.get().id(), hash);
            }
            return;
        }
        threads.recordComment(ref, created, hash);
    }

    private void locked(ThreadRef ref, Runnable work) {
        String key = ref.repository() + "/" + ref.kind() + "/" + ref.number();
        ReentrantLock lock = locks[Math.floorMod(key.hashCode(), locks.length)];
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    static String verdict(Prediction p, RepoConfig config) {
        if (config.flags(p)) {
            return config.ignoreThemes().contains(p.primaryTheme()) ? IGNORED : FLAGGED;
        }
        return p.securityProbability() >= config.abstainFrom() ? ABSTAINED : PASSED;
    }

    static List<LabelSpec> labelsFor(String verdict, Prediction p, RepoConfig config) {
        List<LabelSpec> out = new ArrayList<>();
        if (FLAGGED.equals(verdict)) {
            out.add(config.labels().get(RepoConfig.FLAG));
            out.add(config.labels().get(p.primaryTheme().slug()));
            if (config.issueTypeLabels()
                    && !p.issueTypes().isEmpty()
                    && p.issueTypes().get(0).probability() >= ISSUE_TYPE_LABEL_FROM) {
                out.add(config.issueTypeLabel(p.issueTypes().get(0)));
            }
        } else if (ABSTAINED.equals(verdict)) {
            out.add(config.labels().get(RepoConfig.NEEDS_TRIAGE));
        }
        return out;
    }

    private static Set<String> lower(Set<String> labels) {
        Set<String> out = new LinkedHashSet<>();
        labels.forEach(l -> out.add(l.toLowerCase(Locale.ROOT)));
        return out;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
