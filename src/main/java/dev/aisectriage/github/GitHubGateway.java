package dev.aisectriage.github;

import dev.aisectriage.core.ThreadPort;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the bot reads from and writes to GitHub, one method per call: the thread port for issues and
 * discussions, and the repository's labels, files and issues. Every write goes through here, and so does dry-run: a
 * dry-run gateway logs {@code owner/repo#12: would add labels [...]}, records the intended action and sends nothing.
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
}
