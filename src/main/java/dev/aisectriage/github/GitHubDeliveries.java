package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.core.Delivery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A GitHub webhook as a {@link Delivery}: what the intake reads of the payload before it stores it (action,
 * installation, repository, thread number) and the event's semantic key.
 *
 * <p>The semantic key is the identity of an event independent of its delivery id, so that the same event reaching
 * the app twice (for example through the App and through a repository webhook) is processed once: sha256 over
 * installation, repository, thread number, event, action and the text. The text is the title and body for issues
 * and discussions, the comment body for comments. To keep two distinct events with the same text apart, a
 * discriminator joins the text: the comment id for comment events, the label name for (un)labeled events and {@code
 * updated_at} for edits (an edit back to an earlier text is a new event).
 */
public final class GitHubDeliveries {

    private GitHubDeliveries() {}

    /**
     * @param body the raw JSON text, as signed
     * @param payload the same text parsed: a JSON object
     */
    public static Delivery of(String id, String event, String body, JsonNode payload) {
        String action =
                payload.path("action").isTextual() ? payload.get("action").asText() : null;
        JsonNode installation = payload.path("installation").path("id");
        Long installationId = installation.isIntegralNumber() ? installation.asLong() : null;
        String repository = payload.path("repository").path("full_name").isTextual()
                ? payload.get("repository").get("full_name").asText()
                : null;
        return new Delivery(
                id,
                event,
                action,
                installationId,
                repository,
                threadNumber(event, payload),
                semanticKey(installationId, repository, event, action, payload),
                body,
                payload);
    }

    /** The key, or null for events without a thread (installation events, ping). */
    static String semanticKey(Long installationId, String repository, String event, String action, JsonNode payload) {
        JsonNode thread = thread(event, payload);
        if (thread == null || !thread.hasNonNull("number")) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        JsonNode comment = payload.path("comment");
        if (event.endsWith("_comment") && comment.isObject()) {
            text.append("comment:")
                    .append(comment.path("id").asText())
                    .append('\n')
                    .append(comment.path("body").asText(""));
        } else {
            text.append(thread.path("title").asText(""))
                    .append('\n')
                    .append(thread.path("body").asText(""));
        }
        if (payload.path("label").isObject()) {
            text.append("\nlabel:").append(payload.path("label").path("name").asText());
        }
        if ("edited".equals(action)) {
            JsonNode edited = comment.isObject() ? comment : thread;
            text.append("\nupdated_at:").append(edited.path("updated_at").asText());
        }
        String key = String.join(
                "\u0000",
                String.valueOf(installationId),
                String.valueOf(repository),
                thread.path("number").asText(),
                event,
                String.valueOf(action),
                sha256(text.toString()));
        return sha256(key);
    }

    /** The issue or discussion the event is about, or null. */
    private static JsonNode thread(String event, JsonNode payload) {
        if (event.startsWith("issue")) {
            return payload.path("issue").isObject() ? payload.get("issue") : null;
        }
        if (event.startsWith("discussion")) {
            return payload.path("discussion").isObject() ? payload.get("discussion") : null;
        }
        return null;
    }

    /**
     * The issue, pull request or discussion number of the event, or null. It keys the thread's lease, so a pull
     * request's jobs run one at a time like an issue's: both share a number space and the labels endpoint. (Pull
     * request events have no semantic key: a second {@code synchronize} carries the same text and is not a copy.)
     */
    static Integer threadNumber(String event, JsonNode payload) {
        JsonNode thread = event.startsWith("pull_request")
                ? (payload.path("pull_request").isObject() ? payload.get("pull_request") : null)
                : thread(event, payload);
        return thread != null && thread.path("number").isIntegralNumber()
                ? thread.path("number").asInt()
                : null;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
