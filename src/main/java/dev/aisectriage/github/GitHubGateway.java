package dev.aisectriage.github;

import dev.aisectriage.core.ThreadPort;
import dev.aisectriage.core.ThreadRef.GitHubThread;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the bot reads from and writes to GitHub, one method per call: the thread port for issues and
 * discussions, the repository's labels, files and issues, and what a security team's workflow needs (the private
 * channel, the repository's security advisories, what maintainers did on a new thread). Every write goes through here,
 * and so does dry-run: a dry-run gateway logs {@code owner/repo#12: would add labels [...]}, records the intended
 * action and sends nothing.
 */
public interface GitHubGateway extends ThreadPort {

    /** Names of the repository's labels. */
    Set<String> listLabels(long installationId, String repository);

    /** A file of the default branch, or empty when it does not exist. */
    Optional<RepoFile> readFile(long installationId, String repository, String path);

    /** The repository's open issues (pull requests left out), oldest first, at most {@code limit}. */
    List<OpenIssue> listOpenIssues(long installationId, String repository, int limit);

    /** Creates a label; false if the repository already has one of that name. */
    boolean createLabel(long installationId, String repository, LabelSpec label);

    /**
     * Whether private vulnerability reporting is on (one request); empty when GitHub cannot be read at all (dry-run
     * without App credentials).
     */
    Optional<PrivateReporting> privateReporting(long installationId, String repository);

    /** The {@code SECURITY.md} GitHub shows for the repository (one request per place until found), or empty. */
    Optional<RepoFile> securityPolicy(long installationId, String repository);

    /** Opens a private draft security advisory; sent once (see {@link #findDraftAdvisory} after a failed answer). */
    OpenedAdvisory openDraftAdvisory(long installationId, String repository, DraftAdvisory draft);

    /** The draft advisory whose description carries {@code marker} as a line, if the bot opened one. */
    OpenedAdvisory findDraftAdvisory(long installationId, String repository, String marker);

    /** The repository's privately reported vulnerabilities still in triage; empty when GitHub cannot be read. */
    Optional<AdvisoriesInTriage> advisoriesInTriage(long installationId, String repository);

    /**
     * What a maintainer did on a new thread since it was opened (labelled, commented, closed, locked), in a few
     * words; empty when nobody did, or when GitHub cannot be read.
     *
     * @param author the post's author, whose own events are not a maintainer's
     * @param labelsAtPost the labels the post had when it was opened
     */
    Optional<String> maintainerActivity(GitHubThread thread, String author, Set<String> labelsAtPost);
}
