package dev.aisectriage.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.core.ActionLog;
import dev.aisectriage.core.Comment;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.ThreadRef.HubDiscussion;
import dev.aisectriage.log.LogSafe;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hub's REST API as the bot uses it. Every URL is the configured root ({@code HF_API_URL}) plus a path built
 * from a checked {@link HubRepo}, never a URL from a payload, so the token only ever goes to the Hub. Failures are
 * thrown as {@link HubApiException}; the job queue retries them (a comment created just before a failure is found
 * again by its marker, so it is not posted twice), except a refused token (401/403), which it dead-letters at once,
 * and a 429, which it puts back until the {@code Retry-After} without counting an attempt. Without a token nothing
 * is read (a discussion has no comments) and the service runs it in dry-run.
 */
public final class ApiHubGateway implements HubGateway {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHubGateway.class);

    private final HubHttp http;
    private final String root;
    private final String token;
    private final ActionLog actions;
    private volatile HubUser bot;

    /**
     * @param root the Hub's root, {@code https://huggingface.co} (or a stand-in in tests)
     * @param token the bot's token, or null: then nothing is read
     * @param actions the log of sent writes
     * @param clock the local clock a 429's {@code Retry-After} is counted on
     */
    public ApiHubGateway(String root, String token, ActionLog actions, Clock clock) {
        this.http = new HubHttp(root, token, clock);
        this.root = root.replaceAll("/+$", "");
        this.token = token;
        this.actions = actions;
    }

    @Override
    public String webUrl(HubDiscussion discussion) {
        return root + "/" + discussion.repository() + "/discussions/" + discussion.number();
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
                JsonNode me = http.send("GET", "/api/whoami-v2", null);
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
    public List<Comment> comments(ThreadRef thread) {
        if (token == null) {
            return List.of();
        }
        HubUser me = bot().orElse(null);
        JsonNode details = http.send("GET", apiPath(thread), null);
        List<Comment> out = new ArrayList<>();
        for (JsonNode event : details.path("events")) {
            if (!"comment".equals(event.path("type").asText())) {
                continue;
            }
            JsonNode author = event.path("author");
            JsonNode data = event.path("data");
            String authorId = text(author, "_id") != null ? text(author, "_id") : text(author, "id");
            HubComment c = new HubComment(
                    text(event, "id"),
                    authorId,
                    text(author, "name"),
                    text(data.path("latest"), "raw"),
                    data.path("hidden").asBoolean(false));
            out.add(new Comment(c.id(), c.content() == null ? "" : c.content(), c.isBy(me)));
        }
        return out;
    }

    @Override
    public String createComment(ThreadRef thread, String body) {
        String path = apiPath(thread);
        JsonNode answer = http.send("POST", path + "/comment", Map.of("comment", body));
        String id = text(answer.path("newMessage"), "id");
        if (id == null) {
            id = text(answer, "id");
        }
        if (id == null) {
            // Posted, but we cannot edit it without its id: the retry finds it by its marker instead.
            throw new HubApiException(200, "POST " + path + "/comment: answer has no comment id");
        }
        actions.record(null, thread.repository(), thread.number(), "create comment", id, false);
        return id;
    }

    @Override
    public void editComment(ThreadRef thread, String commentId, String body) {
        if (!commentId.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("not a Hub comment id: '" + commentId + "'");
        }
        http.send("POST", apiPath(thread) + "/comment/" + commentId + "/edit", Map.of("content", body));
        actions.record(null, thread.repository(), thread.number(), "edit comment", commentId, false);
    }

    /** The Hub has no labels: the triage never asks. */
    @Override
    public void addLabels(ThreadRef thread, List<String> labels) {
        throw new UnsupportedOperationException("Hub discussions have no labels");
    }

    @Override
    public void removeLabel(ThreadRef thread, String label) {
        throw new UnsupportedOperationException("Hub discussions have no labels");
    }

    /** {@code /api/models/owner/name/discussions/12}, relative to the Hub's root, from a checked repository. */
    static String apiPath(ThreadRef thread) {
        if (!(thread instanceof HubDiscussion d)) {
            throw new IllegalArgumentException(thread + " is not a Hub discussion");
        }
        return HubRepo.of(d.repoType(), d.repoName()).apiPath() + "/discussions/" + d.number();
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }
}
