package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.core.ThreadRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Issues, labels, comments and files through GitHub's REST API, on the installation token. Sends; records nothing. */
final class IssuesRest {

    private static final Logger LOG = LoggerFactory.getLogger(IssuesRest.class);
    private static final int MAX_PAGES = 10;

    private final GitHubHttp http;
    private final InstallationCalls calls;
    private final InstallationTokens tokens;

    IssuesRest(GitHubHttp http, InstallationCalls calls, InstallationTokens tokens) {
        this.http = http;
        this.calls = calls;
        this.tokens = tokens;
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
        Set<String> out = new LinkedHashSet<>();
        String next = "/repos/" + repository + "/labels?per_page=100";
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            GitHubHttp.Response r = send(installationId, "GET", next, null);
            for (JsonNode l : r.json()) {
                out.add(l.path("name").asText());
            }
            next = r.nextPage().orElse(null);
        }
        return out;
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
            JsonNode f = send(installationId, "GET", "/repos/" + repository + "/contents/" + path, null)
                    .json();
            if (!"file".equals(f.path("type").asText("file"))) {
                return Optional.empty();
            }
            String content =
                    new String(Base64.getMimeDecoder().decode(f.path("content").asText("")), StandardCharsets.UTF_8);
            return Optional.of(new RepoFile(repository, path, f.path("sha").asText(), content));
        } catch (GitHubApiException e) {
            if (e.isGone()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    void addLabels(ThreadRef issue, List<String> labels) {
        send(issue.installationId(), "POST", issuePath(issue) + "/labels", Map.of("labels", labels));
    }

    void removeLabel(ThreadRef issue, String label) {
        try {
            send(issue.installationId(), "DELETE", issuePath(issue) + "/labels/" + pathSegment(label), null);
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
            send(installationId, "POST", "/repos/" + repository + "/labels", labelBody(label));
            return true;
        } catch (GitHubApiException e) {
            if (e.isUnprocessable()) {
                return false;
            }
            throw e;
        }
    }

    /** Sent once: see {@link GitHubHttp#sendOnce}. */
    String createComment(ThreadRef issue, String body) {
        return calls.send(
                        issue.installationId(),
                        auth -> http.sendOnce("POST", issuePath(issue) + "/comments", Map.of("body", body), auth))
                .json()
                .path("id")
                .asText();
    }

    void updateComment(ThreadRef issue, String commentId, String body) {
        send(
                issue.installationId(),
                "PATCH",
                "/repos/" + issue.repository() + "/issues/comments/" + commentId,
                Map.of("body", body));
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

    private static Map<String, String> labelBody(LabelSpec label) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("name", label.name());
        body.put("color", label.color());
        if (label.description() != null) {
            body.put("description", label.description());
        }
        return body;
    }

    private static String pathSegment(String name) {
        return java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
