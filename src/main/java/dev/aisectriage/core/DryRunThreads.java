package dev.aisectriage.core;

import dev.aisectriage.log.LogSafe;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dry-run, for every platform: reads go to the platform as usual (or, without credentials to read with, find an
 * empty thread), and every write is logged as {@code owner/repo#12: would add labels [...]} and recorded in the
 * action log instead of sent. GitHub's dry-run extends it with the repository's writes.
 */
public class DryRunThreads implements ThreadPort {

    private static final Logger LOG = LoggerFactory.getLogger(DryRunThreads.class);

    private final ThreadPort reads;
    private final ActionLog actions;
    private final AtomicLong ids = new AtomicLong();

    protected DryRunThreads(ThreadPort reads, ActionLog actions) {
        this.reads = reads;
        this.actions = actions;
    }

    /** Dry-run over a platform it reads. */
    public static DryRunThreads over(ThreadPort reads, ActionLog actions) {
        return new DryRunThreads(reads, actions);
    }

    /** Dry-run without credentials: nothing is read, every thread has no comment. */
    public static DryRunThreads withoutReads(ActionLog actions) {
        return new DryRunThreads(null, actions);
    }

    /** Whether there is a platform to read from. */
    protected final boolean reads() {
        return reads != null;
    }

    @Override
    public List<Comment> comments(ThreadRef thread) {
        return reads == null ? List.of() : reads.comments(thread);
    }

    @Override
    public String createComment(ThreadRef thread, String body) {
        wouldDo(thread, "create comment", body);
        return "dry-run-" + ids.incrementAndGet();
    }

    @Override
    public void editComment(ThreadRef thread, String commentId, String body) {
        wouldDo(thread, "edit comment " + commentId, body);
    }

    @Override
    public void addLabels(ThreadRef thread, List<String> labels) {
        wouldDo(thread, "add labels", labels.toString());
    }

    @Override
    public void removeLabel(ThreadRef thread, String label) {
        wouldDo(thread, "remove label", label);
    }

    /** Recorded as hidden, as GitHub would show it: the flow's bookkeeping runs as it would live. */
    @Override
    public HiddenComment hideComment(ThreadRef thread, String commentNodeId) {
        wouldDo(thread, "hide comment " + commentNodeId, "as off-topic");
        return new HiddenComment.Hidden("off-topic");
    }

    private void wouldDo(ThreadRef thread, String action, String detail) {
        Long installation = thread instanceof ThreadRef.GitHubThread g ? Long.valueOf(g.installationId()) : null;
        wouldDo(installation, thread.repository(), thread.number(), action, detail);
    }

    /** Logs and records a write to a repository ({@code number} null) or to one of its threads. */
    protected final void wouldDo(Long installationId, String repository, Integer number, String action, String detail) {
        LOG.info(
                "{}{}: would {} {}",
                LogSafe.text(repository),
                number == null ? "" : "#" + number,
                action,
                LogSafe.text(abbreviate(detail)));
        // the log line is abbreviated; the store keeps the whole text (the dashboard and `classify --comment` show it)
        actions.record(installationId, repository, number, action, detail, true);
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
    }
}
