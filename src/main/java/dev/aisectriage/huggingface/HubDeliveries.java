package dev.aisectriage.huggingface;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.core.Delivery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A Hub webhook as a {@link Delivery}. The Hub gives no delivery id: each one gets {@code hf-<uuid>}, and the same
 * event sent twice (the Hub's replay, a retry) is recognised by its semantic key: webhook, scope, action, discussion,
 * comment and a hash of the title and text, so that an edit that changes the text is a new event.
 */
public final class HubDeliveries {

    private HubDeliveries() {}

    /**
     * @param repo the repository, or null when the payload names a type the bot skips (the delivery is then
     *     recorded as ignored under {@code type/name})
     * @throws IllegalArgumentException a discussion event without a positive discussion number
     */
    public static Delivery of(
            String body,
            JsonNode tree,
            HubWebhookPayload payload,
            String webhookId,
            HubEvents.Normalised kind,
            HubRepo repo) {
        boolean discussionEvent = kind.event().startsWith(HubEvents.DISCUSSION);
        if (discussionEvent
                && (payload.discussion() == null
                        || payload.discussion().num() == null
                        || payload.discussion().num() < 1)) {
            throw new IllegalArgumentException("a discussion event without a positive discussion.num");
        }
        return new Delivery(
                "hf-" + UUID.randomUUID(),
                kind.event(),
                kind.action(),
                null,
                repo == null ? payload.repo().type() + "/" + payload.repo().name() : repo.path(),
                discussionEvent ? payload.discussion().num() : null,
                discussionEvent ? semanticKey(webhookId, kind, payload) : null,
                body,
                tree);
    }

    static String semanticKey(String webhookId, HubEvents.Normalised kind, HubWebhookPayload p) {
        String title =
                p.discussion() == null ? "" : String.valueOf(p.discussion().title());
        String content = p.comment() == null ? "" : String.valueOf(p.comment().content());
        String key = String.join(
                "\u0000",
                webhookId,
                kind.event(),
                kind.action(),
                p.discussion() == null ? "" : String.valueOf(p.discussion().id()),
                p.comment() == null ? "" : String.valueOf(p.comment().id()),
                HexFormat.of().formatHex(sha256(title + "\n" + content)));
        return HexFormat.of().formatHex(sha256(key));
    }

    /** The SHA-256 digest of a text's UTF-8 bytes. */
    public static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
