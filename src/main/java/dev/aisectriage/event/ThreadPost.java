package dev.aisectriage.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
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
            throw new MalformedPayloadException(e.key() + " " + e.deliveryId()
                    + ": payload has no issue or discussion, " + "installation or repository");
        }
        // the intake stored the installation id; the payload's, when it has one, must be the same positive number
        JsonNode given = p.path("installation").path("id");
        long installationId = positive(
                given.isMissingNode() ? LongNode.valueOf(e.installationId()) : given,
                Long.MAX_VALUE,
                "installation.id",
                e);
        if (installationId != e.installationId()) {
            throw new MalformedPayloadException(e.key() + " " + e.deliveryId() + ": installation.id " + installationId
                    + " is not the delivery's installation " + e.installationId());
        }
        String field = discussion ? "discussion.number" : "issue.number";
        ThreadRef ref = new ThreadRef(
                installationId,
                e.repository(),
                discussion ? ThreadRef.Kind.DISCUSSION : ThreadRef.Kind.ISSUE,
                (int) positive(t.path("number"), Integer.MAX_VALUE, field, e),
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

    /**
     * An id or number as a positive whole number up to {@code max}; anything else (a fraction, 1e30, text, a number
     * too large, a missing one) is a malformed payload, never rounded or wrapped. Thread numbers are GraphQL
     * {@code Int}s, so at most 2^31-1.
     */
    static long positive(JsonNode value, long max, String field, WebhookEvent e) {
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            long v = value.asLong();
            if (v > 0 && v <= max) {
                return v;
            }
        }
        String shown = value.isMissingNode() ? "missing" : value.toString();
        throw new MalformedPayloadException(e.key() + " " + e.deliveryId() + ": " + field + " is "
                + (shown.length() > 40 ? shown.substring(0, 40) + "…" : shown) + ", not a positive whole number"
                + (max == Integer.MAX_VALUE ? " up to 2^31-1" : ""));
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
