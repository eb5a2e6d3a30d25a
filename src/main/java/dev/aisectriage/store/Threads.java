package dev.aisectriage.store;

import dev.aisectriage.classify.Prediction;
import dev.aisectriage.core.Lease;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.Verdict;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the bot knows about each thread, on every platform: its last classification, its one comment, the labels it
 * added, the labels people removed, replies by people, and the off switch. Every write is an upsert, so a re-run job can repeat it.
 * The comment slot ({@link CommentSlots}), the replies ({@link ThreadReplies}) and the label memory
 * ({@link LabelMemory}) have their own classes; this is their one entry point.
 */
public final class Threads {

    private static final String PENDING_COMMENT = "pending:";

    private final Database db;
    private final Writes writes;
    private final CommentSlots slots;
    private final ThreadReplies replies;
    private final LabelMemory labels;

    public Threads(Database db, Writes writes) {
        this.db = db;
        this.writes = writes;
        this.slots = new CommentSlots(writes);
        this.replies = new ThreadReplies(db, writes);
        this.labels = new LabelMemory(db, writes);
    }

    public Optional<ThreadState> find(ThreadRef ref) {
        return db.inTransaction(c -> ThreadRows.find(c, ref));
    }

    public void recordClassification(ThreadRef ref, String url, String text, Prediction p, Verdict verdict) {
        String issueCodes = String.join(
                ",", p.issueTypes().stream().map(Prediction.IssueTypeScore::id).toList());
        update(
                ref,
                "url = ?, text = ?, security_probability = ?, primary_theme = ?, verdict = ?, issue_codes = ?, "
                        + "model_version = ?, classified_at = ?, installation_id = ?, node_id = COALESCE(?, node_id)",
                url,
                text,
                p.securityProbability(),
                p.primaryTheme().name(),
                verdict.label(),
                issueCodes,
                p.modelVersion(),
                Instant.now().toString(),
                ref instanceof ThreadRef.GitHubThread g ? g.installationId() : null,
                ref instanceof ThreadRef.GitHubThread g ? g.nodeId() : null);
    }

    public void recordComment(ThreadRef ref, String commentId, String contentHash) {
        update(ref, "comment_id = ?, comment_hash = ?", commentId, contentHash);
    }

    /** A comment id that says "being created by {@code holder}": the slot is taken before the POST. */
    public static String pendingComment(String holder) {
        return PENDING_COMMENT + holder;
    }

    public static boolean isPendingComment(String commentId) {
        return commentId != null && commentId.startsWith(PENDING_COMMENT);
    }

    /**
     * Reserves the thread's one comment slot before the comment is created: true if the slot was free (or held by
     * {@code previous}, a reservation whose creator died before it recorded the id), false if another writer holds
     * it or a comment is already recorded. With the thread's lease this makes "create" happen at most once: the
     * reservation is made only while {@code lease} (a job's, a backfill step's) is still its holder's, in the same
     * transaction, so a holder whose lease ran out and was taken over cannot take (or take back) the slot; it gets a
     * {@link LeaseLostException}.
     */
    public boolean reserveComment(ThreadRef ref, String reservation, String previous, Lease lease) {
        return slots.reserve(ref, reservation, previous, lease);
    }

    /**
     * Throws {@link LeaseLostException} when another holder has taken over the thread's {@code lease}: called right
     * before a write to GitHub that must happen once.
     */
    public void requireLease(ThreadRef ref, Lease lease) {
        slots.requireLease(ref, lease);
    }

    /**
     * A maintainer acted on the new thread during the bot's head start ({@code what} they did): the bot stays silent
     * on it from now on, its verdict still recorded.
     */
    public void recordHeldBack(ThreadRef ref, String what) {
        update(ref, "held_back = ?", what);
    }

    public void setOff(ThreadRef ref, boolean off) {
        update(ref, "off = ?", off ? 1 : 0);
    }

    /** A reply by a person, or a newer text of one, kept to classify the thread again with it. */
    public void addReply(ThreadRef ref, String commentId, String body) {
        replies.add(ref, commentId, body);
    }

    /** A comment kept as a reply is not one (the Hub's opening post may arrive as a comment first). */
    public void forgetReply(ThreadRef ref, String commentId) {
        replies.forget(ref, commentId);
    }

    /** Whether the comment was kept as one of the thread's replies (it is part of what was classified). */
    public boolean hasReply(ThreadRef ref, String commentId) {
        return replies.has(ref, commentId);
    }

    public List<String> replies(ThreadRef ref) {
        return replies.of(ref);
    }

    public void recordLabelsAdded(ThreadRef ref, Collection<String> added) {
        labels.flag(ref, added, LabelMemory.ADDED_BY_BOT);
    }

    public void recordLabelRemovedByHuman(ThreadRef ref, String label) {
        labels.flag(ref, List.of(label), LabelMemory.REMOVED_BY_HUMAN);
    }

    public Set<String> labelsAddedByBot(ThreadRef ref) {
        return labels.flagged(ref, LabelMemory.ADDED_BY_BOT);
    }

    public Set<String> labelsRemovedByHumans(ThreadRef ref) {
        return labels.flagged(ref, LabelMemory.REMOVED_BY_HUMAN);
    }

    /** The threads classified last, newest first. */
    public List<ThreadState> recent(int limit) {
        return db.inTransaction(c -> ThreadRows.recent(c, limit));
    }

    /** Uninstall: the threads' texts, replies and label memory of the installation go. */
    public int forgetInstallation(long installationId) {
        return writes.inTransaction(c -> {
            for (String table : List.of("thread_comments", "thread_labels")) {
                try (PreparedStatement s =
                        c.prepareStatement("DELETE FROM " + table + " WHERE (repository, kind, number) IN "
                                + "(SELECT repository, kind, number FROM threads WHERE installation_id = ?)")) {
                    s.setLong(1, installationId);
                    s.executeUpdate();
                }
            }
            // the App was uninstalled: what it did or would have done there is not shown any more
            try (PreparedStatement s = c.prepareStatement("DELETE FROM actions WHERE installation_id = ?")) {
                s.setLong(1, installationId);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM threads WHERE installation_id = ?")) {
                s.setLong(1, installationId);
                return s.executeUpdate();
            }
        });
    }

    /** Sets {@code assignments} (their values in order) on the thread's row, made first if need be. */
    private void update(ThreadRef ref, String assignments, Object... values) {
        writes.inTransaction(c -> {
            ThreadRows.ensure(c, ref);
            try (PreparedStatement s =
                    c.prepareStatement("UPDATE threads SET " + assignments + " WHERE " + ThreadRows.KEY)) {
                for (int i = 0; i < values.length; i++) {
                    s.setObject(i + 1, values[i]);
                }
                ThreadRows.key(s, ref, values.length + 1);
                s.executeUpdate();
            }
            return null;
        });
    }

    /**
     * One thread as stored.
     *
     * @param verdict null until the thread is classified
     * @param heldBack what a maintainer did first, during the bot's head start (the bot stays silent); null otherwise
     */
    public record ThreadState(
            ThreadRef ref,
            String url,
            String text,
            Double securityProbability,
            String primaryTheme,
            Verdict verdict,
            String issueCodes,
            String modelVersion,
            String commentId,
            String commentHash,
            boolean off,
            String classifiedAt,
            String heldBack) {

        public boolean flagged() {
            return verdict == Verdict.FLAGGED;
        }
    }
}
