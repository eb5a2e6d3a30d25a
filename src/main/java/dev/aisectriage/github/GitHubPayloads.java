package dev.aisectriage.github;

import dev.aisectriage.core.Actor;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.InstallationChange;
import dev.aisectriage.core.LabelChange;
import dev.aisectriage.core.MalformedPayloadException;
import dev.aisectriage.core.PostEvent;
import dev.aisectriage.core.Reply;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.core.ThreadRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kohsuke.github.GHAppInstallation;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueChanges;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequestChanges;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHUser;

/**
 * The one place where a stored GitHub delivery becomes what the handlers read: checked ({@link PayloadChecks}),
 * bound by hub4j ({@code GitHub.parseEventPayload}) on an offline root, so that no getter can send a request, then
 * read into the platform's neutral records ({@link PostEvent}, {@link Reply}, {@link LabelChange}, {@link
 * InstallationChange}), or GitHub's own where no other platform has the like ({@link PrivateReport}, {@link
 * PushSummary}). Discussions are bound to {@link DiscussionPayload}. A payload the bot cannot act on fails
 * with {@link MalformedPayloadException}.
 */
public final class GitHubPayloads {

    private GitHubPayloads() {}

    /** An {@code issues}, {@code discussion} or {@code pull_request} delivery: the thread opened or edited. */
    public static PostEvent post(Delivery e) {
        return switch (e.event()) {
            case "issues" -> {
                GHEventPayload.Issue p = PayloadBinding.issues(e);
                GHIssueChanges c = p.getChanges();
                yield new PostEvent(
                        thread(e, p.getIssue(), p.getRepository()),
                        textEdited(e, c != null, c != null && (c.getTitle() != null || c.getBody() != null)));
            }
            case "pull_request" -> {
                GHEventPayload.PullRequest p =
                        PayloadBinding.hub4jThread(e, "pull_request", GHEventPayload.PullRequest.class);
                GHPullRequestChanges c = p.getChanges();
                yield new PostEvent(
                        thread(e, p.getPullRequest(), p.getRepository()),
                        textEdited(e, c != null, c != null && (c.getTitle() != null || c.getBody() != null)));
            }
            case "discussion" -> {
                DiscussionPayload p = PayloadBinding.discussion(e);
                DiscussionPayload.Changes c = p.changes();
                yield new PostEvent(
                        thread(e, p), textEdited(e, c != null, c != null && (c.title() != null || c.body() != null)));
            }
            default -> throw PayloadChecks.malformed(e, "not a post: " + e.event());
        };
    }

    /** An {@code issue_comment} or {@code discussion_comment} delivery: the comment, and its thread when asked. */
    public static Reply reply(Delivery e) {
        return switch (e.event()) {
            case "issue_comment" -> {
                GHEventPayload.IssueComment p = PayloadBinding.issueComment(e);
                GHIssueComment c = p.getComment();
                var changes = p.getChanges();
                yield new Reply(
                        String.valueOf(c.getId()),
                        c.getNodeId(),
                        nz(c.getBody()),
                        actor(userOf(c)),
                        c.getAuthorAssociation().name(),
                        changes == null || changes.getBody() == null
                                ? null
                                : changes.getBody().getFrom(),
                        p.getIssue().isPullRequest(),
                        () -> thread(e, p.getIssue(), p.getRepository()));
            }
            case "discussion_comment" -> {
                PayloadChecks.object(e, "comment");
                DiscussionPayload p = PayloadBinding.discussion(e);
                DiscussionPayload.Comment c = p.comment();
                DiscussionPayload.Changes changes = p.changes();
                yield new Reply(
                        c.nodeId() != null ? c.nodeId() : nz(c.id()),
                        c.nodeId(),
                        nz(c.body()),
                        actor(c.user()),
                        c.authorAssociation() == null ? "NONE" : c.authorAssociation(),
                        changes == null || changes.body() == null
                                ? null
                                : changes.body().from(),
                        false,
                        () -> thread(e, p));
            }
            default -> throw PayloadChecks.malformed(e, "not a comment: " + e.event());
        };
    }

    /** An {@code issues} or {@code discussion} delivery of a label added or removed. */
    public static LabelChange labelChange(Delivery e) {
        boolean added = "labeled".equals(e.action());
        if ("discussion".equals(e.event())) {
            DiscussionPayload p = PayloadBinding.discussion(e);
            DiscussionPayload.Label label = p.label();
            return new LabelChange(thread(e, p), actor(p.sender()), added, label == null ? "" : nz(label.name()));
        }
        GHEventPayload.Issue p = PayloadBinding.issues(e);
        GHLabel label = p.getLabel();
        return new LabelChange(
                thread(e, p.getIssue(), p.getRepository()),
                actor(p.getSender()),
                added,
                label == null ? "" : nz(label.getName()));
    }

    /** An {@code installation} or {@code installation_repositories} delivery. */
    public static InstallationChange installation(Delivery e) {
        List<String> names = new ArrayList<>();
        if ("installation_repositories".equals(e.event())) {
            GHEventPayload.InstallationRepositories p = PayloadBinding.installation(
                    e, GHEventPayload.InstallationRepositories.class, "repositories_added", "repositories_removed");
            for (GHRepository r : p.getRepositoriesAdded()) {
                names.add(r == null || r.getFullName() == null ? "" : r.getFullName());
            }
            return new InstallationChange(p.getInstallation().getId(), login(p.getInstallation()), names);
        }
        GHEventPayload.Installation p =
                PayloadBinding.installation(e, GHEventPayload.Installation.class, "repositories");
        for (GHEventPayload.Installation.Repository r : p.getRawRepositories()) {
            names.add(r == null || r.getFullName() == null ? "" : r.getFullName());
        }
        return new InstallationChange(p.getInstallation().getId(), login(p.getInstallation()), names);
    }

    /**
     * The issue or discussion of an {@code issues}, {@code issue_comment}, {@code discussion} or {@code
     * discussion_comment} delivery, or the pull request of a {@code pull_request} one, parsed as its route parses
     * it.
     */
    public static ThreadPost thread(Delivery e) {
        return switch (e.event()) {
            case "issues", "pull_request", "discussion" -> post(e).post();
            case "issue_comment", "discussion_comment" -> reply(e).thread().get();
            default ->
                throw PayloadChecks.malformed(e, "payload has no issue or discussion, installation or repository");
        };
    }

    /** False for an edit whose {@code changes} name neither title nor body (an edit without changes is read again). */
    private static boolean textEdited(Delivery delivery, boolean hasChanges, boolean titleOrBody) {
        return !("edited".equals(delivery.action()) && hasChanges && !titleOrBody);
    }

    private static ThreadPost thread(Delivery e, DiscussionPayload payload) {
        DiscussionPayload.Discussion d = payload.discussion();
        Set<String> labels = new LinkedHashSet<>();
        for (DiscussionPayload.Label l : d.labels() == null ? List.<DiscussionPayload.Label>of() : d.labels()) {
            labels.add(l == null || l.name() == null ? "" : l.name());
        }
        return new ThreadPost(
                new ThreadRef.GitHubDiscussion(e.installationId(), e.repository(), d.number(), d.nodeId()),
                d.htmlUrl(),
                ThreadPost.capped(d.title()),
                ThreadPost.capped(d.body()),
                actor(d.user()),
                labels,
                payload.repository() == null || !payload.repository().isPrivate(),
                false,
                instant(d.createdAt()));
    }

    /** An issue or pull request: {@link PayloadChecks} checked its number and installation before it was bound. */
    private static ThreadPost thread(Delivery e, GHIssue issue, GHRepository repository) {
        Set<String> labels = new LinkedHashSet<>();
        for (GHLabel l : issue.getLabels()) {
            labels.add(l == null || l.getName() == null ? "" : l.getName());
        }
        return new ThreadPost(
                new ThreadRef.GitHubIssue(e.installationId(), e.repository(), issue.getNumber(), issue.getNodeId()),
                url(e, issue),
                ThreadPost.capped(issue.getTitle()),
                ThreadPost.capped(issue.getBody()),
                actor(issue.getUser()),
                labels,
                repository == null || !repository.isPrivate(),
                issue.isPullRequest(),
                createdAt(issue));
    }

    /** An {@code installation}-level security report: {@code repository_advisory} ({@code reported}, {@code published}). */
    public static PrivateReport privateReport(Delivery e) {
        PayloadChecks.installation(e);
        try {
            return PrivateReport.from(e.payload());
        } catch (IllegalArgumentException x) {
            throw PayloadChecks.malformed(e, x.getMessage());
        }
    }

    /** A {@code push}: the paths it changed, on which branch of which repository. */
    public static PushSummary push(Delivery e) {
        return PushSummary.of(PayloadBinding.push(e));
    }

    /** When the payload says the issue was opened; null when it does not (or not as a date). */
    private static Instant createdAt(GHIssue issue) {
        try {
            return issue.getCreatedAt();
        } catch (IOException | RuntimeException x) {
            return null;
        }
    }

    private static Instant instant(String iso) {
        try {
            return iso == null ? null : Instant.parse(iso);
        } catch (DateTimeParseException x) {
            return null;
        }
    }

    private static String url(Delivery e, GHIssue issue) {
        try {
            URL url = issue.getHtmlUrl();
            return url == null ? null : url.toString();
        } catch (IllegalStateException x) { // hub4j's answer to a URL it cannot parse
            throw PayloadChecks.malformed(e, "html_url is not a URL");
        }
    }

    /** The type the payload gave: the root is offline, so a user without one is not looked up. */
    private static Actor actor(GHUser user) {
        try {
            return user == null ? Actor.NOBODY : Actor.of(user.getLogin(), user.getType());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Actor actor(DiscussionPayload.Account account) {
        return account == null ? Actor.NOBODY : Actor.of(account.login(), account.type());
    }

    /** The comment's user as the payload gives it: the root is offline, so hub4j does not GET /users/{login}. */
    private static GHUser userOf(GHIssueComment c) {
        try {
            return c.getUser();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String login(GHAppInstallation installation) {
        GHUser account = installation.getAccount();
        return account == null ? null : account.getLogin();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
