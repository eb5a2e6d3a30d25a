package dev.aisectriage.event;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.ThreadRef;
import java.net.URL;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHRepository;

/**
 * The thread an issue or discussion event is about, read from its typed payload.
 *
 * @param labels the thread's labels when the event was sent
 */
public record ThreadPost(
        ThreadRef ref,
        String url,
        String title,
        String body,
        String author,
        boolean authorIsBot,
        Set<String> labels,
        boolean publicRepository) {

    /**
     * GitHub's maximum length of an issue, discussion or comment body: a job reads no more of any text than this, so
     * a signed payload with a longer one costs no more than the longest GitHub can send.
     */
    public static final int MAX_TEXT_CHARS = 65_536;

    /**
     * The issue or discussion of an {@code issues}, {@code issue_comment}, {@code discussion} or
     * {@code discussion_comment} delivery, or the pull request of a {@code pull_request} one (labelled through the
     * issue endpoints, which pull requests share), parsed as its route parses it.
     */
    public static ThreadPost of(Delivery e) {
        return switch (e.event()) {
            case "issues" -> of(e, GitHubPayloads.ISSUES.parse(e));
            case "issue_comment" -> of(e, GitHubPayloads.ISSUE_COMMENT.parse(e));
            case "pull_request" -> of(e, GitHubPayloads.PULL_REQUEST.parse(e));
            case "discussion", "discussion_comment" -> of(e, GitHubPayloads.DISCUSSION.parse(e));
            default ->
                throw PayloadChecks.malformed(e, "payload has no issue or discussion, installation or repository");
        };
    }

    static ThreadPost of(Delivery e, GHEventPayload.Issue payload) {
        return of(e, payload.getIssue(), payload.getRepository());
    }

    static ThreadPost of(Delivery e, GHEventPayload.IssueComment payload) {
        return of(e, payload.getIssue(), payload.getRepository());
    }

    static ThreadPost of(Delivery e, GHEventPayload.PullRequest payload) {
        return of(e, payload.getPullRequest(), payload.getRepository());
    }

    static ThreadPost of(Delivery e, DiscussionPayload payload) {
        DiscussionPayload.Discussion d = payload.discussion();
        Set<String> labels = new LinkedHashSet<>();
        for (DiscussionPayload.Label l : d.labels() == null ? List.<DiscussionPayload.Label>of() : d.labels()) {
            labels.add(l == null || l.name() == null ? "" : l.name());
        }
        Actor author = Actor.of(d.user());
        return new ThreadPost(
                new ThreadRef(e.installationId(), e.repository(), ThreadRef.Kind.DISCUSSION, d.number(), d.nodeId()),
                d.htmlUrl(),
                capped(nz(d.title())),
                capped(nz(d.body())),
                author.login(),
                author.bot(),
                labels,
                payload.repository() == null || !payload.repository().isPrivate());
    }

    /** An issue or pull request: {@link PayloadChecks} checked its number and installation before it was bound. */
    private static ThreadPost of(Delivery e, GHIssue issue, GHRepository repository) {
        Set<String> labels = new LinkedHashSet<>();
        for (GHLabel l : issue.getLabels()) {
            labels.add(l == null || l.getName() == null ? "" : l.getName());
        }
        Actor author = Actor.of(issue.getUser());
        return new ThreadPost(
                new ThreadRef(
                        e.installationId(), e.repository(), ThreadRef.Kind.ISSUE, issue.getNumber(), issue.getNodeId()),
                url(e, issue),
                capped(nz(issue.getTitle())),
                capped(nz(issue.getBody())),
                author.login(),
                author.bot(),
                labels,
                repository == null || !repository.isPrivate());
    }

    private static String url(Delivery e, GHIssue issue) {
        try {
            URL url = issue.getHtmlUrl();
            return url == null ? null : url.toString();
        } catch (IllegalStateException x) { // hub4j's answer to a URL it cannot parse
            throw PayloadChecks.malformed(e, "html_url is not a URL");
        }
    }

    /** The first {@link #MAX_TEXT_CHARS} characters of a text from a payload. */
    static String capped(String text) {
        return text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Title and body, as the classifier reads a post. */
    public String text() {
        return body.isBlank() ? title : title + "\n\n" + body;
    }
}
