package dev.aisectriage.github;

import dev.aisectriage.core.ActionLog;
import dev.aisectriage.core.DryRunThreads;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Dry-run on GitHub: the dry-run of every platform's threads ({@link DryRunThreads}), and the repository's reads and
 * writes the same way: reads go to GitHub (none without App credentials), writes are logged and recorded.
 */
public final class DryRunGitHubGateway extends DryRunThreads implements GitHubGateway {

    private final GitHubGateway reads;

    /** @param reads the gateway reads go to; null when there are no credentials to read with */
    DryRunGitHubGateway(GitHubGateway reads, ActionLog actions) {
        super(reads, actions);
        this.reads = reads;
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
    public boolean createLabel(long installationId, String repository, LabelSpec label) {
        wouldDo(installationId, repository, null, "create label", label.name());
        return true;
    }
}
