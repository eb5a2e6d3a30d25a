package dev.aisectriage.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;

/**
 * A stand-in Hugging Face Hub API on MockWebServer: {@code whoami-v2}, a discussion's details with its comment
 * events, creating and editing comments, all behind one bearer token. It keeps comments in memory as the Hub would
 * and records every request. Tests may script answers for one {@code METHOD /path} ahead of that behaviour.
 */
public final class FakeHub extends StandIn<FakeHub> {

    public static final String TOKEN = "hf_test_token";
    public static final String BOT_ID = "65b0b0b0b0b0b0b0b0b0b0b0";
    public static final String BOT_NAME = "security-triage-bot";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DISCUSSION =
            Pattern.compile("/api/(models|datasets|spaces)/([^/]+(?:/[^/]+)?)/discussions/(\\d+)");
    private static final Pattern CREATE = Pattern.compile(DISCUSSION.pattern() + "/comment");
    private static final Pattern EDIT = Pattern.compile(DISCUSSION.pattern() + "/comment/([0-9a-f]+)/edit");

    /** discussion key {@code models/o/n#7} to its comments, by id, oldest first. */
    private final Map<String, Map<String, Comment>> comments = new ConcurrentHashMap<>();

    private long nextId = 0x6570000000000000L;

    /** A comment someone already wrote, e.g. {@code ("models/o/n#7", "6570…", "someone", "text")}. */
    public synchronized FakeHub existingComment(String discussion, String authorId, String authorName, String text) {
        String id = Long.toHexString(nextId++) + "00000000";
        comments.computeIfAbsent(discussion, k -> Collections.synchronizedMap(new LinkedHashMap<>()))
                .put(id, new Comment(id, authorId, authorName, text));
        return this;
    }

    /** Every request that changed something. */
    public List<Request> writes() {
        return requests().stream().filter(r -> r.method().equals("POST")).toList();
    }

    /** The comments of a discussion ({@code models/o/n#7}), oldest first. */
    public List<Comment> commentsOf(String discussion) {
        return List.copyOf(comments.getOrDefault(discussion, Map.of()).values());
    }

    @Override
    protected MockResponse answer(Request request) {
        String path = request.path();
        String body = request.body();
        if (!("Bearer " + TOKEN).equals(request.authorization())) {
            return json(401, "{\"error\":\"Invalid credentials in Authorization header\"}");
        }
        try {
            return route(request, path, body);
        } catch (IOException e) {
            return json(400, "{\"error\":\"bad JSON\"}");
        }
    }

    private MockResponse route(Request request, String path, String body) throws IOException {
        if (request.line().equals("GET /api/whoami-v2")) {
            return json(200, "{\"type\":\"user\",\"id\":\"" + BOT_ID + "\",\"name\":\"" + BOT_NAME + "\"}");
        }
        Matcher m;
        if ((m = EDIT.matcher(path)).matches() && request.method().equals("POST")) {
            Comment c = comments.getOrDefault(key(m), Map.of()).get(m.group(4));
            if (c == null) {
                return json(404, "{\"error\":\"Comment not found\"}");
            }
            if (!BOT_ID.equals(c.authorId())) {
                return json(403, "{\"error\":\"You can only edit your own comments\"}");
            }
            String content = JSON.readTree(body).path("content").asText();
            comments.get(key(m)).put(c.id(), new Comment(c.id(), c.authorId(), c.authorName(), content));
            return json(200, "{\"updatedComment\":" + event(comments.get(key(m)).get(c.id())) + "}");
        }
        if ((m = CREATE.matcher(path)).matches() && request.method().equals("POST")) {
            String text = JSON.readTree(body).path("comment").asText();
            existingComment(key(m), BOT_ID, BOT_NAME, text);
            List<Comment> all = commentsOf(key(m));
            return json(200, "{\"newMessage\":" + event(all.get(all.size() - 1)) + "}");
        }
        if ((m = DISCUSSION.matcher(path)).matches() && request.method().equals("GET")) {
            ObjectNode d = JSON.createObjectNode();
            d.put("num", Integer.parseInt(m.group(3)));
            d.put("status", "open");
            ArrayNode events = d.putArray("events");
            for (Comment c : commentsOf(key(m))) {
                events.add(event(c));
            }
            return json(200, d.toString());
        }
        return json(404, "{\"error\":\"Repository Not Found\"}");
    }

    private static JsonNode event(Comment c) {
        ObjectNode e = JSON.createObjectNode();
        e.put("id", c.id());
        e.put("type", "comment");
        e.put("createdAt", "2026-11-29T23:00:00.000Z");
        ObjectNode author = e.putObject("author");
        author.put("_id", c.authorId());
        author.put("name", c.authorName());
        author.put("type", "user");
        ObjectNode data = e.putObject("data");
        data.put("edited", false);
        data.put("hidden", false);
        ObjectNode latest = data.putObject("latest");
        latest.put("raw", c.text());
        latest.put("html", "<p>…</p>");
        latest.put("updatedAt", "2026-11-29T23:00:00.000Z");
        return e;
    }

    private static String key(Matcher m) {
        return m.group(1) + "/" + m.group(2) + "#" + m.group(3);
    }

    /** A 429 as the Hub sends it, without its headers: the test adds {@code Retry-After} and {@code Date}. */
    public static MockResponse.Builder rateLimited() {
        return new MockResponse.Builder()
                .code(429)
                .addHeader("Content-Type", "application/json")
                .body("{\"error\":\"Too Many Requests\"}");
    }

    /** A 429 whose {@code Retry-After} is an HTTP date {@code wait} after the Hub's own {@code Date}, {@code now}. */
    public static MockResponse rateLimitedUntil(Instant now, Duration wait) {
        return rateLimited()
                .addHeader("Date", httpDate(now))
                .addHeader("Retry-After", httpDate(now.plus(wait)))
                .build();
    }

    /** An instant as an HTTP date ({@code Date}, {@code Retry-After}). */
    public static String httpDate(Instant instant) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    public record Comment(String id, String authorId, String authorName, String text) {}
}
