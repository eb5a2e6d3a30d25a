package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentContext;
import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import dev.aisectriage.huggingface.HubApiException;
import dev.aisectriage.huggingface.HubComment;
import dev.aisectriage.huggingface.HubDiscussionRef;
import dev.aisectriage.huggingface.HubEvents;
import dev.aisectriage.huggingface.HubGateway;
import dev.aisectriage.huggingface.HubUser;
import dev.aisectriage.huggingface.HubWebhookPayload;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.HubDiscussions;
import dev.aisectriage.store.HubDiscussions.HubDiscussion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Hugging Face Hub discussion opened or edited, or a comment posted or edited in one: classify the discussion
 * (title, opening post and replies) and keep the bot's one comment on it, created once and edited in place. The Hub
 * has no labels, so the comment is the whole answer. The bot's own comments and hidden ones are skipped; a reply to
 * a discussion already flagged changes nothing. Idempotent: the comment's id is stored when it is made, and looked
 * up on the Hub by its marker, among the bot's own comments only, before one is created.
 */
public final class TriageHubDiscussion implements PayloadHandler<HubWebhookPayload> {

    private static final Logger LOG = LoggerFactory.getLogger(TriageHubDiscussion.class);

    private final Classifier classifier;
    private final CommentRenderer renderer;
    private final HubGateway gateway;
    private final HubDiscussions discussions;
    private final Consumer<Prediction> onPrediction;
    private final RepoConfig config = RepoConfig.defaults();
    /** Two events of one discussion handled at once must not both post a comment (striped: bounded memory). */
    private final ReentrantLock[] locks = new ReentrantLock[64];

    public TriageHubDiscussion(
            Classifier classifier,
            CommentRenderer renderer,
            HubGateway gateway,
            HubDiscussions discussions,
            Consumer<Prediction> onPrediction) {
        this.classifier = classifier;
        this.renderer = renderer;
        this.gateway = gateway;
        this.discussions = discussions;
        this.onPrediction = onPrediction;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    @Override
    public void handle(Delivery event, HubWebhookPayload payload, Lease lease) {
        HubDiscussionRef ref = payload.discussionRef();
        HubWebhookPayload.Comment comment = payload.comment();
        if (comment != null && (comment.hidden() || comment.content() == null)) {
            LOG.info("{}: hidden comment {}; nothing to read", ref, LogSafe.text(comment.id()));
            return;
        }
        Optional<HubUser> bot = gateway.bot();
        if (comment != null
                && bot.isPresent()
                && bot.get().id() != null
                && bot.get().id().equals(payload.commentAuthorId())) {
            LOG.info("{}: the bot's own comment {}; skipped", ref, LogSafe.text(comment.id()));
            return;
        }
        ReentrantLock lock = locks[Math.floorMod(ref.toString().hashCode(), locks.length)];
        lock.lock();
        try {
            triage(event, payload, ref, bot);
        } finally {
            lock.unlock();
        }
    }

    private void triage(Delivery event, HubWebhookPayload payload, HubDiscussionRef ref, Optional<HubUser> bot) {
        HubDiscussions.Key key = key(ref);
        HubWebhookPayload.Discussion d = payload.discussion();
        HubWebhookPayload.Comment comment = payload.comment();
        if (statusChangeOnly(key, d, comment)) {
            LOG.info("{}: status change only (now {}); nothing to classify again", ref, LogSafe.text(d.status()));
            return;
        }
        discussions.recordDiscussion(key, d.id(), capped(d.title()), d.isPullRequest(), payload.privateRepository());
        if (comment != null && !recordComment(event, ref, key, comment)) {
            return;
        }
        String text = textToClassify(key);
        if (text == null) {
            LOG.info("{}: nothing to classify yet", ref);
            return;
        }
        Prediction prediction = classifier.classify(text);
        onPrediction.accept(prediction);
        String verdict = recordClassification(ref, key, prediction);
        if (!Verdicts.FLAGGED.equals(verdict)) {
            return;
        }
        String body = renderer.triageComment(
                new CommentContext(ref.repo().path(), !payload.privateRepository(), text, prediction, List.of()));
        upsertComment(ref, key, body, bot);
    }

    /** A discussion event without a comment whose title is unchanged since it was classified. */
    private boolean statusChangeOnly(
            HubDiscussions.Key key, HubWebhookPayload.Discussion d, HubWebhookPayload.Comment comment) {
        Optional<HubDiscussion> known = discussions.find(key);
        return comment == null
                && known.map(HubDiscussion::classifiedAt).isPresent()
                && Objects.equals(known.get().title(), capped(d.title()));
    }

    /**
     * Records the comment as the discussion's opening or as a reply.
     *
     * @return false when there is nothing more to do: a reply to a discussion already flagged
     */
    private boolean recordComment(
            Delivery event, HubDiscussionRef ref, HubDiscussions.Key key, HubWebhookPayload.Comment comment) {
        Optional<HubDiscussion> before = discussions.find(key);
        boolean opening = HubEvents.DISCUSSION.equals(event.event())
                || comment.id() != null
                        && comment.id()
                                .equals(before.map(HubDiscussion::openingCommentId)
                                        .orElse(null));
        if (opening) {
            discussions.recordOpening(key, comment.id(), capped(comment.content()));
            return true;
        }
        if (before.map(s -> Verdicts.FLAGGED.equals(s.verdict())).orElse(false)) {
            LOG.debug("{}: already flagged; a reply changes nothing", ref);
            return false;
        }
        discussions.recordReply(key, comment.id(), capped(comment.content()));
        return true;
    }

    /** Title and opening, then the replies, as one text; null when there is nothing yet. */
    private String textToClassify(HubDiscussions.Key key) {
        HubDiscussion state = discussions.find(key).orElseThrow();
        List<String> parts = new ArrayList<>();
        String head = (nz(state.title()) + "\n\n" + nz(state.opening())).strip();
        if (!head.isEmpty()) {
            parts.add(head);
        }
        parts.addAll(discussions.replies(key));
        return parts.isEmpty() ? null : String.join("\n\n", parts);
    }

    /** Stores and logs the verdict on the prediction, and returns it. */
    private String recordClassification(HubDiscussionRef ref, HubDiscussions.Key key, Prediction prediction) {
        String verdict = Verdicts.verdict(prediction, config);
        discussions.recordClassification(
                key,
                prediction.securityProbability(),
                prediction.primaryTheme().slug(),
                verdict,
                prediction.modelVersion());
        LOG.info(
                "{}: {} (p={}, theme {}, model {})",
                ref,
                verdict,
                String.format(Locale.ROOT, "%.3f", prediction.securityProbability()),
                prediction.primaryTheme().slug(),
                prediction.modelVersion());
        return verdict;
    }

    private void upsertComment(HubDiscussionRef ref, HubDiscussions.Key key, String body, Optional<HubUser> bot) {
        if (!CommentMarker.isOurs(body)) {
            throw new IllegalArgumentException("the bot's comment must carry " + CommentMarker.MARKER);
        }
        String hash = CommentSlot.sha256(body);
        Optional<HubDiscussion> state = discussions.find(key);
        String id = state.map(HubDiscussion::commentId).orElse(null);
        String storedHash = state.map(HubDiscussion::commentHash).orElse(null);
        if (CommentSlot.DELETED.equals(id)) {
            LOG.info("{}: the bot's comment was deleted; not posting it again", ref);
            return;
        }
        if (id == null && bot.isPresent()) {
            // Only the bot's own comment is adopted: anyone can paste the marker into a comment of theirs.
            for (HubComment c : gateway.comments(ref)) {
                if (c.isBy(bot.get()) && CommentMarker.isOurs(c.content())) {
                    id = c.id();
                    storedHash = CommentSlot.sha256(c.content());
                    discussions.recordComment(key, id, storedHash);
                    break;
                }
            }
        }
        if (id == null) {
            String created = gateway.createComment(ref, body);
            discussions.recordComment(key, created, hash);
        } else if (!hash.equals(storedHash)) {
            editComment(ref, key, id, body, hash);
        }
    }

    /** Edits the bot's comment; one deleted meanwhile is marked deleted and stays so. */
    private void editComment(HubDiscussionRef ref, HubDiscussions.Key key, String id, String body, String hash) {
        try {
            gateway.editComment(ref, id, body);
        } catch (HubApiException e) {
            if (!e.isGone()) {
                throw e;
            }
            discussions.recordComment(key, CommentSlot.DELETED, null);
            LOG.info("{}: the bot's comment {} is gone; it stays gone", ref, LogSafe.text(id));
            return;
        }
        discussions.recordComment(key, id, hash);
    }

    static HubDiscussions.Key key(HubDiscussionRef ref) {
        return new HubDiscussions.Key(ref.repo().type(), ref.repo().path(), ref.num());
    }

    /** As on GitHub, a job reads at most {@link ThreadPost#MAX_TEXT_CHARS} of a title or a comment. */
    private static String capped(String s) {
        return s == null || s.length() <= ThreadPost.MAX_TEXT_CHARS ? s : s.substring(0, ThreadPost.MAX_TEXT_CHARS);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
