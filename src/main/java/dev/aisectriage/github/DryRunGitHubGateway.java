package dev.aisectriage.github;

import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.log.LogSafe;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dry-run: reads go to GitHub as usual (or, without App credentials, find an empty repository), and every write is
 * logged as {@code owner/repo#12: would add labels [...]} and recorded instead of sent.
 */
public final class DryRunGitHubGateway implements GitHubGateway {

    private static final Logger LOG = LoggerFactory.getLogger(DryRunGitHubGateway.class);

    private final GitHubGateway reads;
    private final ActionLog actions;
    private final AtomicLong ids = new AtomicLong();

    /** @param reads the gateway reads go to; null when there are no credentials to read with */
    public DryRunGitHubGateway(GitHubGateway reads, ActionLog actions) {
        this.reads = reads;
        this.actions = actions;
    }

    @Override
    public List<RemoteComment> listComments(ThreadRef thread) {
        return reads == null ? List.of() : reads.listComments(thread);
    }

    @Override
    public Set<String> listLabels(long installationId, String repository) {
        return reads == null ? Set.of() : reads.listLabels(installationId, repository);
    }

    @Override
    public Optional<RepoFile> readFile(long installationId, String repository, String path) {
        return reads == null ? Optional.empty() : reads.readFile(installationId, repository, path);
    }

    @Override
    public List<OpenIssue> listOpenIssues(long installationId, String repository, int limit) {
        return reads == null ? List.of() : reads.listOpenIssues(installationId, repository, limit);
    }

    @Override
    public void addLabels(ThreadRef thread, List<String> labels) {
        wouldDo(thread, "add labels", labels.toString());
    }

    @Override
    public void removeLabel(ThreadRef thread, String label) {
        wouldDo(thread, "remove label", label);
    }

    @Override
    public boolean createLabel(long installationId, String repository, LabelSpec label) {
        wouldDo(installationId, repository, null, "create label", label.name());
        return true;
    }

    @Override
    public String createComment(ThreadRef thread, String body) {
        wouldDo(thread, "create comment", body);
        return "dry-run-" + ids.incrementAndGet();
    }

    @Override
    public void updateComment(ThreadRef thread, String commentId, String body) {
        wouldDo(thread, "update comment " + commentId, body);
    }

    private void wouldDo(ThreadRef thread, String action, String detail) {
        wouldDo(thread.installationId(), thread.repository(), thread.number(), action, detail);
    }

    private void wouldDo(long installationId, String repository, Integer number, String action, String detail) {
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
