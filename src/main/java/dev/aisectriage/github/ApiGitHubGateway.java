package dev.aisectriage.github;

import dev.aisectriage.core.ThreadRef;
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
    public List<RemoteComment> listComments(ThreadRef thread) {
        return isDiscussion(thread) ? discussions.listComments(thread) : issues.listComments(thread);
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
        if (isDiscussion(thread)) {
            discussions.addLabels(thread, labels);
        } else {
            issues.addLabels(thread, labels);
        }
        done(thread, "add labels", labels.toString());
    }

    @Override
    public void removeLabel(ThreadRef thread, String label) {
        if (isDiscussion(thread)) {
            discussions.removeLabel(thread, label);
        } else {
            issues.removeLabel(thread, label);
        }
        done(thread, "remove label", label);
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
        String id = isDiscussion(thread) ? discussions.createComment(thread, body) : issues.createComment(thread, body);
        done(thread, "create comment " + id, body);
        return id;
    }

    @Override
    public void updateComment(ThreadRef thread, String commentId, String body) {
        if (isDiscussion(thread)) {
            discussions.updateComment(thread, commentId, body);
        } else {
            issues.updateComment(thread, commentId, body);
        }
        done(thread, "update comment " + commentId, body);
    }

    private static boolean isDiscussion(ThreadRef thread) {
        return thread.kind() == ThreadRef.Kind.DISCUSSION;
    }

    private void done(ThreadRef thread, String action, String detail) {
        actions.record(thread.installationId(), thread.repository(), thread.number(), action, detail, false);
    }
}
