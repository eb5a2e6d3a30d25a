package dev.aisectriage.github;

import dev.aisectriage.core.ActionLog;
import dev.aisectriage.core.Comment;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.ThreadRef.GitHubThread;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway that sends: issues through REST, discussions through GraphQL, both on the installation token, and
 * every write recorded once it was sent. Dry-run is {@link DryRunGitHubGateway} around it.
 */
public final class ApiGitHubGateway implements GitHubGateway {

    private final IssuesRest issues;
    private final DiscussionsGraphQl discussions;
    private final ActionLog actions;

    public ApiGitHubGateway(GitHubHttp http, InstallationTokens tokens, ActionLog actions) {
        InstallationCalls calls = new InstallationCalls(tokens, new InstallationLimits(http.clock()));
        this.issues = new IssuesRest(http, calls, tokens);
        this.discussions = new DiscussionsGraphQl(new GraphQlClient(http, calls));
        this.actions = actions;
    }

    @Override
    public List<Comment> comments(ThreadRef thread) {
        GitHubThread t = github(thread);
        return isDiscussion(t) ? discussions.listComments(t) : issues.listComments(t);
    }

    @Override
    public Set<String> listLabels(long installationId, String repository) {
        return issues.listLabels(installationId, repository);
    }

    @Override
    public Optional<RepoFile> readFile(long installationId, String repository, String path) {
        return issues.readFile(installationId, repository, path);
    }

    @Override
    public List<OpenIssue> listOpenIssues(long installationId, String repository, int limit) {
        return issues.listOpenIssues(installationId, repository, limit);
    }

    @Override
    public void addLabels(ThreadRef thread, List<String> labels) {
        GitHubThread t = github(thread);
        if (isDiscussion(t)) {
            discussions.addLabels(t, labels);
        } else {
            issues.addLabels(t, labels);
        }
        done(t, "add labels", labels.toString());
    }

    @Override
    public void removeLabel(ThreadRef thread, String label) {
        GitHubThread t = github(thread);
        if (isDiscussion(t)) {
            discussions.removeLabel(t, label);
        } else {
            issues.removeLabel(t, label);
        }
        done(t, "remove label", label);
    }

    @Override
    public boolean createLabel(long installationId, String repository, LabelSpec label) {
        if (!issues.createLabel(installationId, repository, label)) {
            return false;
        }
        actions.record(installationId, repository, null, "create label", label.name(), false);
        return true;
    }

    @Override
    public String createComment(ThreadRef thread, String body) {
        GitHubThread t = github(thread);
        String id = isDiscussion(t) ? discussions.createComment(t, body) : issues.createComment(t, body);
        done(t, "create comment " + id, body);
        return id;
    }

    @Override
    public void editComment(ThreadRef thread, String commentId, String body) {
        GitHubThread t = github(thread);
        if (isDiscussion(t)) {
            discussions.updateComment(t, commentId, body);
        } else {
            issues.updateComment(t, commentId, body);
        }
        done(t, "edit comment " + commentId, body);
    }

    /** A thread of another platform here is a wiring error, not a GitHub failure. */
    static GitHubThread github(ThreadRef thread) {
        if (thread instanceof GitHubThread t) {
            return t;
        }
        throw new IllegalArgumentException(thread + " is not a GitHub thread");
    }

    private static boolean isDiscussion(GitHubThread thread) {
        return thread instanceof ThreadRef.GitHubDiscussion;
    }

    private void done(GitHubThread thread, String action, String detail) {
        actions.record(thread.installationId(), thread.repository(), thread.number(), action, detail, false);
    }
}
