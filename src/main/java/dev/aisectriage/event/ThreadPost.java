package dev.aisectriage.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.core.ThreadRef;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The thread an issue or discussion event is about, read from its payload.
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
     * {@code discussion_comment} event, or the pull request of a {@code pull_request} event (labelled through the
     * issue endpoints, which pull requests share).
     */
    public static ThreadPost of(WebhookEvent e) {
        JsonNode p = e.payload();
        boolean discussion = p.has("discussion");
        JsonNode t = discussion ? p.get("discussion") : p.has("issue") ? p.get("issue") : p.get("pull_request");
        if (t == null || e.installationId() == null || e.repository() == null) {
            throw new IllegalArgumentException(e.key() + " " + e.deliveryId() + ": payload has no issue or discussion, "
                    + "installation or repository");
        }
        ThreadRef ref = new ThreadRef(
                e.installationId(),
                e.repository(),
                discussion ? ThreadRef.Kind.DISCUSSION : ThreadRef.Kind.ISSUE,
                t.path("number").asInt(),
                t.hasNonNull("node_id") ? t.get("node_id").asText() : null);
        Set<String> labels = new LinkedHashSet<>();
        t.path("labels").forEach(l -> labels.add(l.path("name").asText()));
        JsonNode user = t.path("user");
        return new ThreadPost(
                ref,
                t.path("html_url").asText(null),
                capped(t.path("title").asText("")),
                capped(t.path("body").asText("")),
                user.path("login").asText(null),
                isBot(user),
                labels,
                !p.path("repository").path("private").asBoolean(false));
    }

    /** The first {@link #MAX_TEXT_CHARS} characters of a text from a payload. */
    static String capped(String text) {
        return text.length() > MAX_TEXT_CHARS ? text.substring(0, MAX_TEXT_CHARS) : text;
    }

    /** GitHub marks Apps as {@code type: Bot}; their logins end in {@code [bot]}. */
    static boolean isBot(JsonNode user) {
        return "Bot".equalsIgnoreCase(user.path("type").asText())
                || user.path("login").asText().endsWith("[bot]");
    }

    /** Title and body, as the classifier reads a post. */
    public String text() {
        return body.isBlank() ? title : title + "\n\n" + body;
    }
}
