package dev.aisectriage.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.Actions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hub's REST API as the bot uses it. Every URL is the configured root ({@code HF_API_URL}) plus a path built
 * from a checked {@link HubRepo}, never a URL from a payload, so the token only ever goes to the Hub. Failures are
 * thrown as {@link HubApiException}; the job queue retries them (a comment created just before a failure is found
 * again by its marker, so it is not posted twice), except a refused token (401/403), which it dead-letters at once,
 * and a 429, which it puts back until the {@code Retry-After} without counting an attempt.
 */
public final class ApiHubGateway implements HubGateway {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHubGateway.class);

    private final HubHttp http;
    private final String token;
    private final boolean dryRun;
    private final Actions actions;
    private final AtomicLong dryRunIds = new AtomicLong();
    private volatile HubUser bot;

    /**
     * @param root   the Hub's root, {@code https://huggingface.co} (or a stand-in in tests)
     * @param token  the bot's token, or null: then nothing is read nor written and {@code dryRun} must be true
     * @param actions the store of sent and intended writes
     */
    public ApiHubGateway(String root, String token, boolean dryRun, Actions actions) {
        this(root, token, dryRun, actions, Clock.systemUTC());
    }

    /** @param clock the local clock a 429's {@code Retry-After} is counted on */
    public ApiHubGateway(String root, String token, boolean dryRun, Actions actions, Clock clock) {
        if (token == null && !dryRun) {
            throw new IllegalArgumentException("a live Hub gateway needs HF_TOKEN");
        }
        this.http = new HubHttp(root, token, clock);
        this.token = token;
        this.dryRun = dryRun;
        this.actions = actions;
    }

    @Override
    public boolean dryRun() {
        return dryRun;
    }

    @Override
    public Optional<HubUser> bot() {
        if (token == null) {
            return Optional.empty();
        }
        HubUser known = bot;
        if (known != null) {
            return Optional.of(known);
        }
        synchronized (this) {
            if (bot == null) {
                JsonNode me = send("GET", "/api/whoami-v2", null);
                String id = text(me, "id");
                String name = text(me, "name");
                if (id == null && name == null) {
                    throw new HubApiException(200, "GET /api/whoami-v2: answer has neither id nor name");
                }
                bot = new HubUser(id, name);
                LOG.info("Hub bot account: {} ({})", LogSafe.text(name), LogSafe.text(id));
            }
            return Optional.of(bot);
        }
    }

    @Override
    public List<HubComment> comments(HubDiscussionRef discussion) {
        if (token == null) {
            return List.of();
        }
        JsonNode details = send("GET", discussion.apiPath(), null);
        List<HubComment> out = new ArrayList<>();
        for (JsonNode event : details.path("events")) {
            if (!"comment".equals(event.path("type").asText())) {
                continue;
            }
            JsonNode author = event.path("author");
            JsonNode data = event.path("data");
            String authorId = text(author, "_id") != null ? text(author, "_id") : text(author, "id");
            out.add(new HubComment(
                    text(event, "id"),
                    authorId,
                    text(author, "name"),
                    text(data.path("latest"), "raw"),
                    data.path("hidden").asBoolean(false)));
        }
        return out;
    }

    @Override
    public String createComment(HubDiscussionRef discussion, String body) {
        if (wouldDo(discussion, "create comment", body)) {
            return "dry-run-" + dryRunIds.incrementAndGet();
        }
        JsonNode answer = send("POST", discussion.apiPath() + "/comment", Map.of("comment", body));
        String id = text(answer.path("newMessage"), "id");
        if (id == null) {
            id = text(answer, "id");
        }
        if (id == null) {
            // Posted, but we cannot edit it without its id: the retry finds it by its marker instead.
            throw new HubApiException(200, "POST " + discussion.apiPath() + "/comment: answer has no comment id");
        }
        actions.record(null, discussion.repo().path(), discussion.num(), "create comment", id, false);
        return id;
    }

    @Override
    public void editComment(HubDiscussionRef discussion, String commentId, String body) {
        if (wouldDo(discussion, "edit comment " + commentId, body)) {
            return;
        }
        if (!commentId.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("not a Hub comment id: '" + commentId + "'");
        }
        send("POST", discussion.apiPath() + "/comment/" + commentId + "/edit", Map.of("content", body));
        actions.record(null, discussion.repo().path(), discussion.num(), "edit comment", commentId, false);
    }

    private boolean wouldDo(HubDiscussionRef discussion, String action, String body) {
        if (!dryRun) {
            return false;
        }
        String detail = HubHttp.abbreviate(body);
        LOG.info("{}: would {} {}", LogSafe.text(discussion), action, LogSafe.text(detail));
        actions.record(null, discussion.repo().path(), discussion.num(), action, detail, true);
        return true;
    }

    private JsonNode send(String method, String path, Map<String, String> body) {
        return http.send(method, path, body);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }
}
