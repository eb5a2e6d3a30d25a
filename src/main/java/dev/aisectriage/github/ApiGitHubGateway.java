package dev.aisectriage.github;

import dev.aisectriage.core.ActionLog;
import dev.aisectriage.core.Comment;
import dev.aisectriage.core.HiddenComment;
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
    private final CommentMinimizer minimizer;
    private final RepositoryAdvisories advisories;
    private final PrivateReportingCheck reporting;
    private final SecurityPolicyFiles policies;
    private final MaintainerActivity activity;
    private final ActionLog actions;

    /** Every call shares one {@link InstallationLimits}: a rate limit met by one holds back the others. */
    public ApiGitHubGateway(GitHubHttp http, InstallationTokens tokens, ActionLog actions) {
        InstallationCalls calls = new InstallationCalls(tokens, new InstallationLimits(http.clock()));
        GraphQlClient graphql = new GraphQlClient(http, calls);
        InstallationReads reads = new InstallationReads(http, calls);
        this.issues = new IssuesRest(http, calls, tokens);
        this.discussions = new DiscussionsGraphQl(graphql);
        this.minimizer = new CommentMinimizer(graphql);
        this.advisories = new RepositoryAdvisories(http, calls);
        this.reporting = new PrivateReportingCheck(reads);
        this.policies = new SecurityPolicyFiles(reads);
        this.activity = new MaintainerActivity(reads, graphql);
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

    @Override
    public HiddenComment hideComment(ThreadRef thread, String commentNodeId) {
        GitHubThread t = github(thread);
        HiddenComment hidden = minimizer.hide(t, commentNodeId);
        if (hidden instanceof HiddenComment.Hidden h) {
            done(t, "hide comment " + commentNodeId, "as " + h.reason());
        }
        return hidden;
    }

    @Override
    public Optional<PrivateReporting> privateReporting(long installationId, String repository) {
        return Optional.of(reporting.check(installationId, repository));
    }

    @Override
    public Optional<RepoFile> securityPolicy(long installationId, String repository) {
        return policies.find(installationId, repository);
    }

    @Override
    public OpenedAdvisory openDraftAdvisory(long installationId, String repository, DraftAdvisory draft) {
        OpenedAdvisory opened = advisories.open(installationId, repository, draft);
        if (opened instanceof OpenedAdvisory.Opened o) {
            // the summary only: the advisory's text is the report, which the action log must not keep
            actions.record(
                    installationId, repository, null, "open draft advisory " + o.ghsaId(), draft.summary(), false);
        }
        return opened;
    }

    @Override
    public OpenedAdvisory findDraftAdvisory(long installationId, String repository, String marker) {
        return advisories.find(installationId, repository, marker);
    }

    @Override
    public Optional<AdvisoriesInTriage> advisoriesInTriage(long installationId, String repository) {
        return Optional.of(advisories.inTriage(installationId, repository));
    }

    @Override
    public Optional<String> maintainerActivity(GitHubThread thread, String author, Set<String> labelsAtPost) {
        return activity.of(thread, author, labelsAtPost);
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
