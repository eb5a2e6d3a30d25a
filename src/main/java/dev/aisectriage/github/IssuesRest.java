package dev.aisectriage.github;

import dev.aisectriage.core.Comment;
import dev.aisectriage.core.ThreadRef.GitHubThread;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues, labels, comments and files through GitHub's REST API, on the installation token. Sends; records nothing.
 * Every call goes through hub4j on objects bound to their repository without a fetch ({@link GitHubObjects}); see the
 * call table in docs/operations.md.
 */
final class IssuesRest {

    private static final Logger LOG = LoggerFactory.getLogger(IssuesRest.class);
    private static final int MAX_PAGES = 10;

    private final InstallationTokens tokens;

    private final GitHubObjects objects;

    IssuesRest(GitHubHttp http, InstallationCalls calls, InstallationTokens tokens) {
        this.tokens = tokens;
        this.objects = new GitHubObjects(http, calls);
    }

    /** Pages of 100, at most {@link #MAX_PAGES}; the authors are read from the same answers ({@link CommentAuthors}). */
    List<Comment> listComments(GitHubThread issue) {
        return objects.call(issue.installationId(), () -> {
            List<Comment> out = new ArrayList<>();
            for (GHIssueComment c : objects.issue(issue).listComments().withPageSize(100)) {
                String body = c.getBody() == null ? "" : c.getBody();
                out.add(new Comment(Long.toString(c.getId()), body, byThisApp(c.getId())));
                if (out.size() >= MAX_PAGES * 100) {
                    break;
                }
            }
            return out;
        });
    }

    Set<String> listLabels(long installationId, String repository) {
        return objects.call(installationId, () -> {
            Set<String> out = new LinkedHashSet<>();
            int left = MAX_PAGES * 100;
            for (GHLabel label :
                    objects.repository(installationId, repository).listLabels().withPageSize(100)) {
                if (left-- == 0) {
                    break;
                }
                out.add(label.getName());
            }
            return out;
        });
    }

    List<OpenIssue> listOpenIssues(long installationId, String repository, int limit) {
        return objects.call(
                installationId,
                () -> RepositoryIssues.list(
                        objects.repository(installationId, repository), GHIssueState.OPEN, null, limit));
    }

    Optional<RepoFile> readFile(long installationId, String repository, String path) {
        try {
            return objects.call(installationId, () -> {
                GHContent f = objects.repository(installationId, repository).getFileContent(path);
                if (!"file".equals(f.getType() == null ? "file" : f.getType())) {
                    return Optional.empty();
                }
                // the answer carries the content: reading it sends nothing
                String encoded = f.getEncodedContent();
                String content = encoded == null
                        ? ""
                        : new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
                return Optional.of(new RepoFile(repository, path, f.getSha(), content));
            });
        } catch (GitHubApiException e) {
            if (e.isGone()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    void addLabels(GitHubThread issue, List<String> labels) {
        objects.call(issue.installationId(), () -> objects.issue(issue).addLabels(labels.toArray(String[]::new)));
    }

    void removeLabel(GitHubThread issue, String label) {
        try {
            objects.call(issue.installationId(), () -> objects.issue(issue).removeLabel(label));
        } catch (GitHubApiException e) {
            if (!e.isGone()) {
                throw e;
            }
            LOG.info("{}: label '{}' was already gone", issue, label);
        }
    }

    /** False if the repository already has a label of that name (GitHub's 422). */
    boolean createLabel(long installationId, String repository, LabelSpec label) {
        try {
            objects.call(
                    installationId,
                    () -> objects.repository(installationId, repository)
                            .createLabel(label.name(), label.color(), label.description()));
            return true;
        } catch (GitHubApiException e) {
            if (e.isUnprocessable()) {
                return false;
            }
            throw e;
        }
    }

    /** Sent once: see {@link GitHubHttp#sendOnce} and {@link HttpConnector}. */
    String createComment(GitHubThread issue, String body) {
        GHIssueComment created =
                objects.call(issue.installationId(), () -> objects.issue(issue).comment(body));
        return Long.toString(created.getId());
    }

    void updateComment(GitHubThread issue, String commentId, String body) {
        objects.call(issue.installationId(), () -> {
            objects.comment(issue, Long.parseLong(commentId)).update(body);
            return null;
        });
    }

    /**
     * The App's comments carry {@code performed_via_github_app} with its id; should GitHub leave that out, a bot
     * comment is the App's only if its author is the App's bot user (whose login is asked of GitHub once).
     */
    private boolean byThisApp(long commentId) {
        CommentAuthors.Author author = objects.authors()
                .of(commentId)
                .orElseThrow(() -> new GitHubApiException(
                        "comment " + commentId + " was listed but its author was not read", 0, false, null, null));
        if (author.appId() != null) {
            return author.appId().equals(tokens.appId());
        }
        return author.bot() && author.login().equals(tokens.botLogin());
    }
}
