package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.core.ThreadRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHLabel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues, labels, comments and files through GitHub's REST API, on the installation token. Sends; records nothing.
 * Writes, the config file and label creation go through hub4j on objects bound to their repository without a fetch
 * ({@link HubObjects}); listing comments, labels and open issues stays on {@link GitHubHttp} (see
 * docs/operations.md).
 */
final class IssuesRest {

    private static final Logger LOG = LoggerFactory.getLogger(IssuesRest.class);
    private static final int MAX_PAGES = 10;

    private final GitHubHttp http;
    private final InstallationCalls calls;
    private final InstallationTokens tokens;

    private final HubObjects hub;

    IssuesRest(GitHubHttp http, InstallationCalls calls, InstallationTokens tokens) {
        this.http = http;
        this.calls = calls;
        this.tokens = tokens;
        this.hub = new HubObjects(http, calls);
    }

    List<RemoteComment> listComments(ThreadRef issue) {
        List<RemoteComment> out = new ArrayList<>();
        String next = issuePath(issue) + "/comments?per_page=100";
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            GitHubHttp.Response r = send(issue.installationId(), "GET", next, null);
            for (JsonNode c : r.json()) {
                out.add(new RemoteComment(c.path("id").asText(), c.path("body").asText(""), byThisApp(c)));
            }
            next = r.nextPage().orElse(null);
        }
        return out;
    }

    Set<String> listLabels(long installationId, String repository) {
        return hub.call(installationId, () -> {
            Set<String> out = new LinkedHashSet<>();
            int left = MAX_PAGES * 100;
            for (GHLabel label :
                    hub.repository(installationId, repository).listLabels().withPageSize(100)) {
                if (left-- == 0) {
                    break;
                }
                out.add(label.getName());
            }
            return out;
        });
    }

    List<OpenIssue> listOpenIssues(long installationId, String repository, int limit) {
        List<OpenIssue> out = new ArrayList<>();
        String next = "/repos/" + repository + "/issues?state=open&sort=created&direction=asc&per_page=100";
        while (next != null && out.size() < limit) {
            GitHubHttp.Response r = send(installationId, "GET", next, null);
            for (JsonNode i : r.json()) {
                if (!i.has("pull_request") && out.size() < limit) {
                    out.add(openIssue(i));
                }
            }
            next = r.nextPage().orElse(null);
        }
        return out;
    }

    Optional<RepoFile> readFile(long installationId, String repository, String path) {
        try {
            return hub.call(installationId, () -> {
                GHContent f = hub.repository(installationId, repository).getFileContent(path);
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

    void addLabels(ThreadRef issue, List<String> labels) {
        hub.call(issue.installationId(), () -> hub.issue(issue).addLabels(labels.toArray(String[]::new)));
    }

    void removeLabel(ThreadRef issue, String label) {
        try {
            hub.call(issue.installationId(), () -> hub.issue(issue).removeLabel(label));
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
            hub.call(
                    installationId,
                    () -> hub.repository(installationId, repository)
                            .createLabel(label.name(), label.color(), label.description()));
            return true;
        } catch (GitHubApiException e) {
            if (e.isUnprocessable()) {
                return false;
            }
            throw e;
        }
    }

    /** Sent once: see {@link GitHubHttp#sendOnce} and {@link HubConnector}. */
    String createComment(ThreadRef issue, String body) {
        GHIssueComment created =
                hub.call(issue.installationId(), () -> hub.issue(issue).comment(body));
        return Long.toString(created.getId());
    }

    void updateComment(ThreadRef issue, String commentId, String body) {
        hub.call(issue.installationId(), () -> {
            hub.comment(issue, Long.parseLong(commentId)).update(body);
            return null;
        });
    }

    /**
     * The App's comments carry {@code performed_via_github_app} with its id; should GitHub leave that out, a bot
     * comment is the App's only if its author is the App's bot user (whose login is asked of GitHub once).
     */
    private boolean byThisApp(JsonNode comment) {
        JsonNode app = comment.path("performed_via_github_app");
        if (app.hasNonNull("id")) {
            return app.path("id").asText().equals(tokens.appId());
        }
        JsonNode user = comment.path("user");
        return "Bot".equalsIgnoreCase(user.path("type").asText())
                && user.path("login").asText().equals(tokens.botLogin());
    }

    private GitHubHttp.Response send(long installationId, String method, String path, Object body) {
        return calls.send(installationId, auth -> http.send(method, path, body, auth));
    }

    private static OpenIssue openIssue(JsonNode i) {
        Set<String> labels = new LinkedHashSet<>();
        i.path("labels").forEach(l -> labels.add(l.path("name").asText()));
        JsonNode user = i.path("user");
        return new OpenIssue(
                i.path("number").asInt(),
                i.path("node_id").asText(null),
                i.path("html_url").asText(null),
                i.path("title").asText(""),
                i.path("body").asText(""),
                user.path("login").asText(null),
                "Bot".equalsIgnoreCase(user.path("type").asText()),
                labels);
    }

    private static String issuePath(ThreadRef issue) {
        return "/repos/" + issue.repository() + "/issues/" + issue.number();
    }
}
