package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.log.LogSafe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway on GitHub's REST API and, for discussions, its GraphQL API, both on the installation token.
 * In dry-run it sends no write: it logs and records what it would have done. Without credentials (dry-run
 * with no App key) it cannot read either, and answers as if the repository were empty.
 */
public final class ApiGitHubGateway implements GitHubGateway {

    private static final Logger LOG = LoggerFactory.getLogger(ApiGitHubGateway.class);
    private static final int MAX_PAGES = 10;

    private final GitHubHttp http;
    private final InstallationTokens tokens;
    private final GraphQlClient graphql;
    private final ActionLog actions;
    private final boolean dryRun;
    private final AtomicLong dryRunIds = new AtomicLong();

    /**
     * @param tokens null when the App has no credentials (then {@code dryRun} must be true)
     */
    public ApiGitHubGateway(GitHubHttp http, InstallationTokens tokens, ActionLog actions, boolean dryRun) {
        if (tokens == null && !dryRun) {
            throw new IllegalArgumentException("without App credentials the gateway can only run in dry-run");
        }
        this.http = http;
        this.tokens = tokens;
        this.graphql = tokens == null ? null : new GraphQlClient(http, tokens);
        this.actions = actions;
        this.dryRun = dryRun;
    }

    public boolean dryRun() {
        return dryRun;
    }

    @Override
    public List<RemoteComment> listComments(ThreadRef thread) {
        if (tokens == null) {
            return List.of();
        }
        if (thread.kind() == ThreadRef.Kind.DISCUSSION) {
            return discussionComments(thread);
        }
        List<RemoteComment> out = new ArrayList<>();
        String next = "/repos/" + thread.repository() + "/issues/" + thread.number() + "/comments?per_page=100";
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            GitHubHttp.Response r = rest(thread.installationId(), "GET", next, null);
            for (JsonNode c : r.json()) {
                out.add(new RemoteComment(c.path("id").asText(), c.path("body").asText(""), byThisApp(c)));
            }
            next = r.nextPage().orElse(null);
        }
        return out;
    }

    @Override
    public Set<String> listLabels(long installationId, String repository) {
        if (tokens == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        String next = "/repos/" + repository + "/labels?per_page=100";
        for (int page = 0; next != null && page < MAX_PAGES; page++) {
            GitHubHttp.Response r = rest(installationId, "GET", next, null);
            for (JsonNode l : r.json()) {
                out.add(l.path("name").asText());
            }
            next = r.nextPage().orElse(null);
        }
        return out;
    }

    @Override
    public List<OpenIssue> listOpenIssues(long installationId, String repository, int limit) {
        if (tokens == null) {
            return List.of();
        }
        List<OpenIssue> out = new ArrayList<>();
        String next = "/repos/" + repository + "/issues?state=open&sort=created&direction=asc&per_page=100";
        while (next != null && out.size() < limit) {
            GitHubHttp.Response r = rest(installationId, "GET", next, null);
            for (JsonNode i : r.json()) {
                if (i.has("pull_request") || out.size() >= limit) {
                    continue;
                }
                Set<String> labels = new LinkedHashSet<>();
                i.path("labels").forEach(l -> labels.add(l.path("name").asText()));
                JsonNode user = i.path("user");
                out.add(new OpenIssue(
                        i.path("number").asInt(),
                        i.path("node_id").asText(null),
                        i.path("html_url").asText(null),
                        i.path("title").asText(""),
                        i.path("body").asText(""),
                        user.path("login").asText(null),
                        "Bot".equalsIgnoreCase(user.path("type").asText()),
                        labels));
            }
            next = r.nextPage().orElse(null);
        }
        return out;
    }

    @Override
    public Optional<RepoFile> readFile(long installationId, String repository, String path) {
        if (tokens == null) {
            return Optional.empty();
        }
        try {
            JsonNode f = rest(installationId, "GET", "/repos/" + repository + "/contents/" + path, null)
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

    @Override
    public void addLabels(ThreadRef thread, List<String> labels) {
        if (wouldDo(thread, "add labels", labels.toString())) {
            return;
        }
        if (thread.kind() == ThreadRef.Kind.DISCUSSION) {
            addDiscussionLabels(thread, labels);
        } else {
            rest(
                    thread.installationId(),
                    "POST",
                    "/repos/" + thread.repository() + "/issues/" + thread.number() + "/labels",
                    Map.of("labels", labels));
        }
        done(thread, "add labels", labels.toString());
    }

    @Override
    public void removeLabel(ThreadRef thread, String label) {
        if (wouldDo(thread, "remove label", label)) {
            return;
        }
        if (thread.kind() == ThreadRef.Kind.DISCUSSION) {
            List<String> ids = labelIds(thread, List.of(label));
            if (!ids.isEmpty()) {
                graphql.execute(
                        thread.installationId(),
                        "mutation($id: ID!, $labels: [ID!]!) { removeLabelsFromLabelable(input: {labelableId: $id, "
                                + "labelIds: $labels}) { clientMutationId } }",
                        Map.of("id", discussionId(thread), "labels", ids));
            }
        } else {
            try {
                rest(
                        thread.installationId(),
                        "DELETE",
                        "/repos/" + thread.repository() + "/issues/" + thread.number() + "/labels/"
                                + pathSegment(label),
                        null);
            } catch (GitHubApiException e) {
                if (!e.isGone()) {
                    throw e;
                }
                LOG.info("{}: label '{}' was already gone", thread, label);
            }
        }
        done(thread, "remove label", label);
    }

    @Override
    public boolean createLabel(long installationId, String repository, LabelSpec label) {
        if (wouldDo(installationId, repository, null, "create label", label.name())) {
            return true;
        }
        try {
            rest(installationId, "POST", "/repos/" + repository + "/labels", labelBody(label));
        } catch (GitHubApiException e) {
            if (e.isUnprocessable()) {
                return false;
            }
            throw e;
        }
        actions.record(installationId, repository, null, "create label", label.name(), false);
        return true;
    }

    @Override
    public void updateLabel(long installationId, String repository, LabelSpec label) {
        if (wouldDo(installationId, repository, null, "update label", label.name())) {
            return;
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("color", label.color());
        if (label.description() != null) {
            body.put("description", label.description());
        }
        rest(installationId, "PATCH", "/repos/" + repository + "/labels/" + pathSegment(label.name()), body);
        actions.record(installationId, repository, null, "update label", label.name(), false);
    }

    @Override
    public String createComment(ThreadRef thread, String body) {
        if (wouldDo(thread, "create comment", body)) {
            return "dry-run-" + dryRunIds.incrementAndGet();
        }
        String id;
        if (thread.kind() == ThreadRef.Kind.DISCUSSION) {
            JsonNode data = graphql.executeOnce(
                    thread.installationId(),
                    "mutation($id: ID!, $body: String!) { addDiscussionComment(input: {discussionId: $id, body: $body}) "
                            + "{ comment { id } } }",
                    Map.of("id", discussionId(thread), "body", body));
            id = data.path("addDiscussionComment").path("comment").path("id").asText();
        } else {
            id = restOnce(
                            thread.installationId(),
                            "POST",
                            "/repos/" + thread.repository() + "/issues/" + thread.number() + "/comments",
                            Map.of("body", body))
                    .json()
                    .path("id")
                    .asText();
        }
        done(thread, "create comment " + id, body);
        return id;
    }

    @Override
    public void updateComment(ThreadRef thread, String commentId, String body) {
        if (wouldDo(thread, "update comment " + commentId, body)) {
            return;
        }
        if (thread.kind() == ThreadRef.Kind.DISCUSSION) {
            graphql.execute(
                    thread.installationId(),
                    "mutation($id: ID!, $body: String!) { updateDiscussionComment(input: {commentId: $id, body: $body}) "
                            + "{ comment { id } } }",
                    Map.of("id", commentId, "body", body));
        } else {
            rest(
                    thread.installationId(),
                    "PATCH",
                    "/repos/" + thread.repository() + "/issues/comments/" + commentId,
                    Map.of("body", body));
        }
        done(thread, "update comment " + commentId, body);
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

    private List<RemoteComment> discussionComments(ThreadRef thread) {
        List<RemoteComment> out = new ArrayList<>();
        String after = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, Object> vars = new LinkedHashMap<>();
            vars.put("owner", thread.owner());
            vars.put("name", thread.name());
            vars.put("number", thread.number());
            vars.put("after", after);
            JsonNode comments = graphql.execute(
                            thread.installationId(),
                            "query($owner: String!, $name: String!, $number: Int!, $after: String) { repository(owner: $owner, "
                                    + "name: $name) { discussion(number: $number) { comments(first: 100, after: $after) "
                                    + "{ nodes { id body viewerDidAuthor } pageInfo { hasNextPage endCursor } } } } }",
                            vars)
                    .path("repository")
                    .path("discussion")
                    .path("comments");
            for (JsonNode c : comments.path("nodes")) {
                out.add(new RemoteComment(
                        c.path("id").asText(),
                        c.path("body").asText(""),
                        c.path("viewerDidAuthor").asBoolean(false)));
            }
            if (!comments.path("pageInfo").path("hasNextPage").asBoolean(false)) {
                break;
            }
            after = comments.path("pageInfo").path("endCursor").asText();
        }
        return out;
    }

    /** GraphQL wants label node ids; labels are looked up by name, ones the repository lacks are skipped. */
    private void addDiscussionLabels(ThreadRef thread, List<String> labels) {
        List<String> ids = labelIds(thread, labels);
        if (ids.isEmpty()) {
            return;
        }
        graphql.execute(
                thread.installationId(),
                "mutation($id: ID!, $labels: [ID!]!) { addLabelsToLabelable(input: {labelableId: $id, labelIds: $labels}) "
                        + "{ clientMutationId } }",
                Map.of("id", discussionId(thread), "labels", ids));
    }

    /** The node ids of the named labels of the thread's repository; names it lacks are logged and left out. */
    private List<String> labelIds(ThreadRef thread, List<String> labels) {
        JsonNode nodes = graphql.execute(
                        thread.installationId(),
                        "query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) "
                                + "{ labels(first: 100) { nodes { id name } } } }",
                        Map.of("owner", thread.owner(), "name", thread.name()))
                .path("repository")
                .path("labels")
                .path("nodes");
        Map<String, String> idByName = new LinkedHashMap<>();
        nodes.forEach(n -> idByName.put(
                n.path("name").asText().toLowerCase(java.util.Locale.ROOT),
                n.path("id").asText()));
        List<String> ids = new ArrayList<>();
        for (String label : labels) {
            String id = idByName.get(label.toLowerCase(java.util.Locale.ROOT));
            if (id == null) {
                LOG.warn("{}: label '{}' does not exist on the repository", thread, label);
            } else {
                ids.add(id);
            }
        }
        return ids;
    }

    private String discussionId(ThreadRef thread) {
        if (thread.nodeId() != null) {
            return thread.nodeId();
        }
        return graphql.execute(
                        thread.installationId(),
                        "query($owner: String!, $name: String!, $number: Int!) { repository(owner: $owner, name: $name) "
                                + "{ discussion(number: $number) { id } } }",
                        Map.of("owner", thread.owner(), "name", thread.name(), "number", thread.number()))
                .path("repository")
                .path("discussion")
                .path("id")
                .asText();
    }

    /** A REST call on the installation token; a refused token is exchanged again once. */
    private GitHubHttp.Response rest(long installationId, String method, String path, Object body) {
        try {
            return http.send(method, path, body, "Bearer " + tokens.tokenFor(installationId));
        } catch (GitHubApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            tokens.forget(installationId);
            return http.send(method, path, body, "Bearer " + tokens.tokenFor(installationId));
        }
    }

    /** A REST write sent at most once (see {@link GitHubHttp#sendOnce}); a refused token was refused before any write. */
    private GitHubHttp.Response restOnce(long installationId, String method, String path, Object body) {
        try {
            return http.sendOnce(method, path, body, "Bearer " + tokens.tokenFor(installationId));
        } catch (GitHubApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            tokens.forget(installationId);
            return http.sendOnce(method, path, body, "Bearer " + tokens.tokenFor(installationId));
        }
    }

    private boolean wouldDo(ThreadRef thread, String action, String detail) {
        return wouldDo(thread.installationId(), thread.repository(), thread.number(), action, detail);
    }

    private boolean wouldDo(long installationId, String repository, Integer number, String action, String detail) {
        if (!dryRun) {
            return false;
        }
        // the log line is abbreviated; the store keeps the whole text (the dashboard and `classify --comment` show it)
        LOG.info(
                "{}{}: would {} {}",
                LogSafe.text(repository),
                number == null ? "" : "#" + number,
                action,
                LogSafe.text(abbreviate(detail)));
        actions.record(installationId, repository, number, action, detail, true);
        return true;
    }

    private void done(ThreadRef thread, String action, String detail) {
        actions.record(thread.installationId(), thread.repository(), thread.number(), action, detail, false);
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

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
    }
}
