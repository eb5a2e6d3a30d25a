package dev.aisectriage.github;

import dev.aisectriage.core.ThreadRef;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the bot reads from and writes to GitHub, one method per call. Every write goes through here, and so
 * does dry-run: a dry-run gateway logs {@code owner/repo#12: would add labels [...]}, records the intended action
 * and sends nothing.
 */
public interface GitHubGateway {

    /** The thread's comments, oldest first (to find the bot's own by its marker). */
    List<RemoteComment> listComments(ThreadRef thread);

    /** Names of the repository's labels. */
    Set<String> listLabels(long installationId, String repository);

    /** A file of the default branch, or empty when it does not exist. */
    Optional<RepoFile> readFile(long installationId, String repository, String path);

    /** The repository's open issues (pull requests left out), oldest first, at most {@code limit}. */
    List<OpenIssue> listOpenIssues(long installationId, String repository, int limit);

    /** Adds labels to a thread, leaving the ones it has (never replaces them). */
    void addLabels(ThreadRef thread, List<String> labels);

    /** Removes one label from a thread; a thread that no longer has it is left as it is. */
    void removeLabel(ThreadRef thread, String label);

    /** Creates a label; false if the repository already has one of that name. */
    boolean createLabel(long installationId, String repository, LabelSpec label);

    /** Posts a comment and answers its id. */
    String createComment(ThreadRef thread, String body);

    void updateComment(ThreadRef thread, String commentId, String body);
}
