package dev.aisectriage.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jwts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

/**
 * A stand-in GitHub API on MockWebServer: it checks the App's JWT on the token exchange, accepts only tokens it
 * issued, keeps comments, labels and files in memory like GitHub would, and records every request it got.
 * Tests may script answers for one {@code METHOD /path} ahead of the stateful behaviour.
 */
public final class FakeGitHub extends StandIn<FakeGitHub> {

    /** The App the stand-in trusts: its id and key pair (shared: making a key pair is slow). */
    public static final String APP_ID = "1";

    public static final KeyPair APP_KEY = TestKeys.rsa();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKENS = Pattern.compile("/app/installations/(\\d+)/access_tokens");
    private static final Pattern ISSUE_COMMENTS = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/comments");
    private static final Pattern COMMENT = Pattern.compile("/repos/([^/]+/[^/]+)/issues/comments/(\\d+)");
    private static final Pattern ISSUE_LABELS = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/labels");
    private static final Pattern ISSUE_LABEL = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/labels/(.+)");
    private static final Pattern REPO_LABELS = Pattern.compile("/repos/([^/]+/[^/]+)/labels");
    private static final Pattern REPO_LABEL = Pattern.compile("/repos/([^/]+/[^/]+)/labels/(.+)");
    private static final Pattern ISSUES = Pattern.compile("/repos/([^/]+/[^/]+)/issues");
    private static final Pattern INSTALLATION = Pattern.compile("/repos/([^/]+/[^/]+)/installation");
    private static final Pattern CONTENTS = Pattern.compile("/repos/([^/]+/[^/]+)/contents/(.+)");
    /** The App's slug: its comments are by {@code ai-security-triage[bot]}. */
    public static final String SLUG = "ai-security-triage";

    public static final String BOT_LOGIN = SLUG + "[bot]";

    private final String appId;
    private final PublicKey appKey;
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    /** thread key {@code o/r#n} (issues) or {@code o/r/d#n} (discussions) to its comments, by id. */
    private final Map<String, Map<String, String>> comments = new ConcurrentHashMap<>();
    /** comment id to its author's login; the App's comments are by {@link #BOT_LOGIN}. */
    private final Map<String, String> authors = new ConcurrentHashMap<>();
    /** {@code METHOD /path} to answers given after the request was applied (GitHub did it, the answer failed). */
    private final Map<String, Deque<MockResponse>> afterApplying = new ConcurrentHashMap<>();

    private final Map<String, Set<String>> threadLabels = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> repoLabels = new ConcurrentHashMap<>();
    private final Map<String, String> files = new ConcurrentHashMap<>();
    private final Map<String, String> openIssues = new ConcurrentHashMap<>();
    /** comment id to its author's {@code author_association}; NONE when not given. */
    private final Map<String, String> associations = new ConcurrentHashMap<>();

    // what a security team's workflow reads and writes
    private static final Pattern REPORTING = Pattern.compile("/repos/([^/]+/[^/]+)/private-vulnerability-reporting");
    private static final Pattern ADVISORIES = Pattern.compile("/repos/([^/]+/[^/]+)/security-advisories");
    private static final Pattern ISSUE_EVENTS = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)/events");
    private final Map<String, Boolean> privateReporting = new ConcurrentHashMap<>();
    /** repository to its security advisories, oldest first. */
    private final Map<String, List<ObjectNode>> advisories = new ConcurrentHashMap<>();
    /** thread key {@code o/r#n} to its events (labeled, closed, …), oldest first. */
    private final Map<String, List<ObjectNode>> issueEvents = new ConcurrentHashMap<>();

    private final Set<String> hidden = ConcurrentHashMap.newKeySet();
    private long nextId = 1000;
    private volatile Duration latency = Duration.ZERO;
    private Path storeFolder;
    private volatile boolean closeEachConnection;

    /**
     * The stand-in for the {@link #APP_ID} App, started now; as a JUnit extension ({@code @RegisterExtension}) it is
     * closed after each test.
     */
    public FakeGitHub() {
        this(APP_ID, APP_KEY.getPublic());
    }

    public FakeGitHub(String appId, PublicKey appKey) {
        this.appId = appId;
        this.appKey = appKey;
    }

    /** Every answer leaves after this long (a slow GitHub); requests are still handled concurrently. */
    public FakeGitHub latency(Duration latency) {
        this.latency = latency;
        return this;
    }

    /**
     * Closes every connection once it has answered, without saying so in a header: an HTTP/1.0-style server, or a
     * proxy that drops connections the client keeps for the next request.
     */
    public FakeGitHub closeEachConnection() {
        this.closeEachConnection = true;
        return this;
    }

    public FakeGitHub file(String repository, String path, String content) {
        files.put(repository + ":" + path, content);
        return this;
    }

    public FakeGitHub existingLabels(String repository, String... names) {
        repoLabels
                .computeIfAbsent(repository, k -> ConcurrentHashMap.newKeySet())
                .addAll(List.of(names));
        return this;
    }

    /** The answer to the repository's open-issues list (a JSON array, as GitHub shows it). */
    public FakeGitHub openIssues(String repository, String jsonArray) {
        openIssues.put(repository, jsonArray);
        return this;
    }

    /** A comment the App posted earlier (for example, before a crash). */
    public FakeGitHub existingComment(String threadKey, String id, String body) {
        return existingComment(threadKey, id, BOT_LOGIN, body);
    }

    /** A comment by someone else: a person's login, or another App's {@code slug[bot]}. */
    public FakeGitHub existingComment(String threadKey, String id, String author, String body) {
        comments.computeIfAbsent(threadKey, k -> new LinkedHashMap<>()).put(id, body);
        authors.put(id, author);
        return this;
    }

    /**
     * Applies the next request to {@code METHOD /path} as usual, then answers it with this instead (a 502 after the
     * write, or the real answer delayed past the client's time-out).
     */
    public FakeGitHub failAfterApplying(String methodAndPath, MockResponse... responses) {
        afterApplying.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).addAll(List.of(responses));
        return this;
    }

    /** A comment by a person with this {@code author_association} (OWNER, MEMBER, COLLABORATOR, NONE, …). */
    public FakeGitHub existingComment(String threadKey, String id, String author, String association, String body) {
        associations.put(id, association);
        return existingComment(threadKey, id, author, body);
    }

    /** What {@code GET /repos/{repo}/private-vulnerability-reporting} answers; without it, 404. */
    public FakeGitHub privateReporting(String repository, boolean enabled) {
        privateReporting.put(repository, enabled);
        return this;
    }

    /** An event on an issue ({@code labeled}, {@code closed}, {@code locked}, …) by {@code actor}, now. */
    public FakeGitHub issueEvent(String threadKey, String event, String actor) {
        ObjectNode e = JSON.createObjectNode()
                .put("id", nextId++)
                .put("event", event)
                .put("created_at", Instant.now().toString());
        e.putObject("actor").put("login", actor).put("type", actor.endsWith("[bot]") ? "Bot" : "User");
        issueEvents
                .computeIfAbsent(threadKey, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(e);
        return this;
    }

    /** The repository's security advisories as GitHub keeps them, oldest first. */
    public List<JsonNode> advisoriesOf(String repository) {
        return List.copyOf(advisories.getOrDefault(repository, List.of()));
    }

    /** The node ids of the comments hidden with {@code minimizeComment}. */
    public Set<String> hiddenComments() {
        return Set.copyOf(hidden);
    }

    public String authorOf(String commentId) {
        return authors.get(commentId);
    }

    /** Everything but reads and token exchanges: what changed the repository. */
    public List<Request> writes() {
        return requests().stream()
                .filter(r -> !r.method().equals("GET") && !r.path().endsWith("/access_tokens") && !r.isGraphQlQuery())
                .toList();
    }

    public Map<String, String> commentsOf(String threadKey) {
        return Map.copyOf(comments.getOrDefault(threadKey, Map.of()));
    }

    public Set<String> labelsOf(String threadKey) {
        return Set.copyOf(threadLabels.getOrDefault(threadKey, Set.of()));
    }

    public Set<String> labelsOfRepository(String repository) {
        return Set.copyOf(repoLabels.getOrDefault(repository, Set.of()));
    }

    public void deleteLabel(String repository, String name) {
        repoLabels.getOrDefault(repository, new HashSet<>()).remove(name);
    }

    public int tokensIssued() {
        return issuedTokens.size();
    }

    /** A folder for the store of the bot that talks to this stand-in ({@link Bot#on(FakeGitHub)}), gone with it. */
    public synchronized Path storeFolder() {
        if (storeFolder == null) {
            try {
                storeFolder = Files.createTempDirectory("bot-store-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return storeFolder;
    }

    @Override
    public synchronized void close() {
        super.close();
        if (storeFolder != null) {
            try (var files = Files.walk(storeFolder)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            storeFolder = null;
        }
    }

    @Override
    protected MockResponse sent(MockResponse answer) {
        MockResponse response = closeEachConnection
                ? answer.newBuilder()
                        .onResponseEnd(new SocketEffect.CloseSocket())
                        .build()
                : answer;
        return latency.isZero()
                ? response
                : response.newBuilder()
                        .headersDelay(latency.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                        .build();
    }

    @Override
    protected MockResponse answer(Request request) {
        String path = request.path();
        String body = request.body();
        try {
            Matcher m = TOKENS.matcher(path);
            if (m.matches() && request.method().equals("POST")) {
                return exchangeToken(request, m.group(1));
            }
            if ((m = INSTALLATION.matcher(path)).matches() && request.method().equals("GET")) {
                return appAuthenticated(request)
                        ? json(200, "{\"id\":2311213}")
                        : json(401, "{\"message\":\"Bad JWT\"}");
            }
            if (path.equals("/app") && request.method().equals("GET")) {
                return appAuthenticated(request)
                        ? json(200, "{\"id\":" + appId + ",\"slug\":\"" + SLUG + "\"}")
                        : json(401, "{\"message\":\"Bad JWT\"}");
            }
            if (request.authorization() == null
                    || !issuedTokens.contains(request.authorization().replace("Bearer ", ""))) {
                return json(401, "{\"message\":\"Bad credentials\"}");
            }
            MockResponse answer = route(request, path, body);
            Deque<MockResponse> instead = afterApplying.get(request.line());
            return instead != null && !instead.isEmpty() ? instead.poll() : answer;
        } catch (IOException | RuntimeException e) {
            return json(
                    500, "{\"message\":\"fake GitHub failed: " + e.getMessage().replace("\"", "'") + "\"}");
        }
    }

    private boolean appAuthenticated(Request request) {
        String jwt =
                request.authorization() == null ? "" : request.authorization().replace("Bearer ", "");
        try {
            return appId.equals(Jwts.parser()
                    .verifyWith(appKey)
                    .build()
                    .parseSignedClaims(jwt)
                    .getPayload()
                    .getIssuer());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private MockResponse exchangeToken(Request request, String installation) {
        String jwt =
                request.authorization() == null ? "" : request.authorization().replace("Bearer ", "");
        try {
            Claims claims = Jwts.parser()
                    .verifyWith(appKey)
                    .build()
                    .parseSignedClaims(jwt)
                    .getPayload();
            Duration lifetime = Duration.between(
                    claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant());
            if (!appId.equals(claims.getIssuer()) || lifetime.compareTo(Duration.ofMinutes(11)) > 0) {
                return json(401, "{\"message\":\"'iss' or 'exp' is wrong\"}");
            }
        } catch (RuntimeException e) {
            return json(401, "{\"message\":\"A JSON web token could not be decoded\"}");
        }
        String token = "ghs_" + installation + "_" + (issuedTokens.size() + 1);
        issuedTokens.add(token);
        return json(
                201,
                "{\"token\":\"" + token + "\",\"expires_at\":\"" + Instant.now().plusSeconds(3600) + "\"}");
    }

    private MockResponse route(Request request, String path, String body) throws IOException {
        String method = request.method();
        Matcher m;
        if (path.equals("/graphql")) {
            return graphql(JSON.readTree(body));
        }
        if ((m = ISSUE_COMMENTS.matcher(path)).matches()) {
            String key = m.group(1) + "#" + m.group(2);
            Map<String, String> thread = comments.computeIfAbsent(key, k -> new LinkedHashMap<>());
            if (method.equals("GET")) {
                ArrayNode out = JSON.createArrayNode();
                thread.forEach((id, text) -> out.add(restComment(id, text)));
                return json(200, out.toString());
            }
            String id = String.valueOf(nextId++);
            String text = JSON.readTree(body).path("body").asText();
            thread.put(id, text);
            authors.put(id, BOT_LOGIN);
            return json(201, restComment(id, text).toString());
        }
        if ((m = COMMENT.matcher(path)).matches() && method.equals("PATCH")) {
            for (Map<String, String> thread : comments.values()) {
                if (thread.containsKey(m.group(2))) {
                    thread.put(m.group(2), JSON.readTree(body).path("body").asText());
                    return json(200, "{\"id\":" + m.group(2) + "}");
                }
            }
            return json(404, "{\"message\":\"Not Found\"}");
        }
        if ((m = ISSUE_LABELS.matcher(path)).matches() && method.equals("POST")) {
            String repo = m.group(1);
            Set<String> labels = threadLabels.computeIfAbsent(repo + "#" + m.group(2), k -> new LinkedHashSet<>());
            JSON.readTree(body).path("labels").forEach(l -> {
                labels.add(l.asText());
                repoLabels
                        .computeIfAbsent(repo, k -> ConcurrentHashMap.newKeySet())
                        .add(l.asText());
            });
            ArrayNode out = JSON.createArrayNode();
            labels.forEach(l -> out.addObject().put("name", l));
            return json(200, out.toString());
        }
        if ((m = ISSUE_LABEL.matcher(path)).matches() && method.equals("DELETE")) {
            Set<String> labels =
                    threadLabels.computeIfAbsent(m.group(1) + "#" + m.group(2), k -> new LinkedHashSet<>());
            if (!labels.remove(java.net.URLDecoder.decode(m.group(3), StandardCharsets.UTF_8))) {
                return json(404, "{\"message\":\"Label does not exist\"}");
            }
            ArrayNode out = JSON.createArrayNode();
            labels.forEach(l -> out.addObject().put("name", l));
            return json(200, out.toString());
        }
        if ((m = REPO_LABELS.matcher(path)).matches()) {
            Set<String> labels = repoLabels.computeIfAbsent(m.group(1), k -> ConcurrentHashMap.newKeySet());
            if (method.equals("GET")) {
                ArrayNode out = JSON.createArrayNode();
                labels.forEach(l -> out.addObject().put("name", l));
                return json(200, out.toString());
            }
            String name = JSON.readTree(body).path("name").asText();
            if (!labels.add(name)) {
                return json(
                        422,
                        "{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Label\",\"code\":\"already_exists\",\"field\":\"name\"}]}");
            }
            return json(201, body);
        }
        if ((m = REPO_LABEL.matcher(path)).matches() && method.equals("PATCH")) {
            return json(200, body);
        }
        if ((m = ISSUES.matcher(path)).matches() && method.equals("GET")) {
            return json(200, openIssues.getOrDefault(m.group(1), "[]"));
        }
        if ((m = REPORTING.matcher(path)).matches() && method.equals("GET")) {
            Boolean enabled = privateReporting.get(m.group(1));
            return enabled == null
                    ? json(404, "{\"message\":\"Not Found\"}")
                    : json(200, "{\"enabled\":" + enabled + "}");
        }
        if ((m = ADVISORIES.matcher(path)).matches()) {
            return advisory(m.group(1), method, body);
        }
        if ((m = ISSUE_EVENTS.matcher(path)).matches() && method.equals("GET")) {
            ArrayNode out = JSON.createArrayNode();
            out.addAll(issueEvents.getOrDefault(m.group(1) + "#" + m.group(2), List.of()));
            return json(200, out.toString());
        }
        if ((m = CONTENTS.matcher(path)).matches() && method.equals("GET")) {
            String content = files.get(m.group(1) + ":" + m.group(2));
            if (content == null) {
                return json(404, "{\"message\":\"Not Found\"}");
            }
            ObjectNode out = JSON.createObjectNode()
                    .put("type", "file")
                    .put("encoding", "base64")
                    .put("sha", sha1(content))
                    .put("content", Base64.getMimeEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)));
            return json(200, out.toString());
        }
        return json(404, "{\"message\":\"Not Found\"}");
    }

    /** Creates a draft (POST, GitHub's 201) or lists the repository's advisories, newest first (GET). */
    private MockResponse advisory(String repository, String method, String body) throws IOException {
        List<ObjectNode> kept =
                advisories.computeIfAbsent(repository, k -> new java.util.concurrent.CopyOnWriteArrayList<>());
        if (method.equals("GET")) {
            ArrayNode out = JSON.createArrayNode();
            for (int i = kept.size() - 1; i >= 0; i--) {
                out.add(kept.get(i));
            }
            return json(200, out.toString());
        }
        JsonNode draft = JSON.readTree(body);
        String ghsa = String.format("GHSA-fake-%04d-%04d", kept.size() + 1, nextId++ % 10_000);
        ObjectNode created = JSON.createObjectNode()
                .put("ghsa_id", ghsa)
                .put("html_url", "https://github.com/" + repository + "/security/advisories/" + ghsa)
                .put("state", "draft")
                .put("summary", draft.path("summary").asText())
                .put("description", draft.path("description").asText());
        kept.add(created);
        return json(201, created.toString());
    }

    /** A REST issue comment as GitHub shows it: the App's carry {@code performed_via_github_app}. */
    private ObjectNode restComment(String id, String text) {
        String author = authors.getOrDefault(id, "someone");
        ObjectNode c = JSON.createObjectNode()
                .put("id", Long.parseLong(id))
                .put("node_id", "IC_" + id)
                .put("body", text)
                .put("author_association", associations.getOrDefault(id, "NONE"))
                .put("created_at", Instant.now().toString());
        c.putObject("user").put("login", author).put("type", author.endsWith("[bot]") ? "Bot" : "User");
        if (author.equals(BOT_LOGIN)) {
            c.putObject("performed_via_github_app")
                    .put("id", Long.parseLong(appId))
                    .put("slug", SLUG);
        } else if (author.endsWith("[bot]")) {
            c.putObject("performed_via_github_app")
                    .put("id", 999)
                    .put("slug", author.substring(0, author.length() - "[bot]".length()));
        }
        return c;
    }

    private MockResponse graphql(JsonNode request) {
        String query = request.path("query").asText();
        JsonNode vars = request.path("variables");
        ObjectNode data = JSON.createObjectNode();
        if (query.contains("addDiscussionComment")) {
            String id = "DC_" + nextId++;
            comments.computeIfAbsent("discussion:" + vars.path("id").asText(), k -> new LinkedHashMap<>())
                    .put(id, vars.path("body").asText());
            authors.put(id, BOT_LOGIN);
            data.putObject("addDiscussionComment").putObject("comment").put("id", id);
        } else if (query.contains("updateDiscussionComment")) {
            String id = vars.path("id").asText();
            for (Map<String, String> thread : comments.values()) {
                if (thread.containsKey(id)) {
                    thread.put(id, vars.path("body").asText());
                }
            }
            data.putObject("updateDiscussionComment").putObject("comment").put("id", id);
        } else if (query.contains("addLabelsToLabelable")) {
            Set<String> labels =
                    threadLabels.computeIfAbsent("discussion:" + vars.path("id").asText(), k -> new LinkedHashSet<>());
            vars.path("labels").forEach(l -> labels.add(l.asText().substring("LA_".length())));
            data.putObject("addLabelsToLabelable").putNull("clientMutationId");
        } else if (query.contains("removeLabelsFromLabelable")) {
            Set<String> labels =
                    threadLabels.computeIfAbsent("discussion:" + vars.path("id").asText(), k -> new LinkedHashSet<>());
            vars.path("labels").forEach(l -> labels.remove(l.asText().substring("LA_".length())));
            data.putObject("removeLabelsFromLabelable").putNull("clientMutationId");
        } else if (query.contains("label(name:")) {
            // aliases l0, l1, … each look one label up by name (case-insensitively, as GitHub does)
            ObjectNode repository = data.putObject("repository");
            String repo = vars.path("owner").asText() + "/" + vars.path("name").asText();
            for (int i = 0; vars.has("l" + i); i++) {
                String wanted = vars.path("l" + i).asText();
                Optional<String> found = repoLabels.getOrDefault(repo, Set.of()).stream()
                        .filter(wanted::equalsIgnoreCase)
                        .findFirst();
                if (found.isPresent()) {
                    repository.putObject("l" + i).put("id", "LA_" + found.get()).put("name", found.get());
                } else {
                    repository.putNull("l" + i);
                }
            }
        } else if (query.contains("minimizeComment")) {
            hidden.add(vars.path("id").asText());
            data.putObject("minimizeComment")
                    .putObject("minimizedComment")
                    .put("isMinimized", true)
                    .put("minimizedReason", "off-topic");
        } else if (query.contains("locked labels")) {
            // what maintainers did on a discussion: its state, labels and comments with their authors' association
            String discussionKey = "discussion-number:" + vars.path("owner").asText() + "/"
                    + vars.path("name").asText() + "#" + vars.path("number").asInt();
            ObjectNode d = data.putObject("repository").putObject("discussion");
            d.put("closed", false).put("locked", false);
            ArrayNode labels = d.putObject("labels").putArray("nodes");
            threadLabels
                    .getOrDefault(discussionKey, Set.of())
                    .forEach(l -> labels.addObject().put("name", l));
            ArrayNode nodes = d.putObject("comments").putArray("nodes");
            comments.getOrDefault(discussionKey, Map.of())
                    .keySet()
                    .forEach(id -> nodes.addObject()
                            .put("authorAssociation", associations.getOrDefault(id, "NONE"))
                            .putObject("author")
                            .put("__typename", BOT_LOGIN.equals(authors.get(id)) ? "Bot" : "User")
                            .put("login", authors.getOrDefault(id, "someone")));
        } else if (query.contains("comments(first")) {
            ObjectNode c = data.putObject("repository").putObject("discussion").putObject("comments");
            ArrayNode nodes = c.putArray("nodes");
            String discussionKey = "discussion-number:" + vars.path("owner").asText() + "/"
                    + vars.path("name").asText() + "#" + vars.path("number").asInt();
            comments.entrySet().stream()
                    .filter(e -> e.getKey().equals(discussionKey) || e.getKey().startsWith("discussion:"))
                    .forEach(e -> e.getValue()
                            .forEach((id, text) -> nodes.addObject()
                                    .put("id", id)
                                    .put("body", text)
                                    .put("viewerDidAuthor", BOT_LOGIN.equals(authors.get(id)))));
            c.putObject("pageInfo").put("hasNextPage", false).putNull("endCursor");
        } else {
            return json(200, "{\"errors\":[{\"type\":\"INTERNAL\",\"message\":\"fake does not know this query\"}]}");
        }
        return json(200, JSON.createObjectNode().set("data", data).toString());
    }

    private static String sha1(String content) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
