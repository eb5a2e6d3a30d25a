package dev.aisectriage.github;

import dev.aisectriage.core.ActionLog;
import dev.aisectriage.core.DryRunThreads;
import dev.aisectriage.core.ThreadRef.GitHubThread;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Dry-run on GitHub: the dry-run of every platform's threads ({@link DryRunThreads}), and the repository's reads and
 * writes the same way: reads go to GitHub (none without App credentials), writes are logged and recorded.
 */
public final class DryRunGitHubGateway extends DryRunThreads implements GitHubGateway {

    /** The id a draft advisory "opened" in dry-run is recorded under. */
    public static final String DRY_RUN_ADVISORY = "dry-run";

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

    @Override
    public Optional<PrivateReporting> privateReporting(long installationId, String repository) {
        return reads == null ? Optional.empty() : reads.privateReporting(installationId, repository);
    }

    @Override
    public Optional<RepoFile> securityPolicy(long installationId, String repository) {
        return reads == null ? Optional.empty() : reads.securityPolicy(installationId, repository);
    }

    /** Recorded as opened (its summary, never the report), so that the flow's bookkeeping runs as it would live. */
    @Override
    public OpenedAdvisory openDraftAdvisory(long installationId, String repository, DraftAdvisory draft) {
        wouldDo(installationId, repository, null, "open draft advisory", draft.summary());
        return new OpenedAdvisory.Opened(DRY_RUN_ADVISORY, null);
    }

    /** Nothing was opened in dry-run: there is nothing to find. */
    @Override
    public OpenedAdvisory findDraftAdvisory(long installationId, String repository, String marker) {
        return new OpenedAdvisory.NotFound();
    }

    @Override
    public Optional<AdvisoriesInTriage> advisoriesInTriage(long installationId, String repository) {
        return reads == null ? Optional.empty() : reads.advisoriesInTriage(installationId, repository);
    }

    @Override
    public Optional<String> maintainerActivity(GitHubThread thread, String author, Set<String> labelsAtPost) {
        return reads == null ? Optional.empty() : reads.maintainerActivity(thread, author, labelsAtPost);
    }
}
