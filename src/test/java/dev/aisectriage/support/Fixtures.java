package dev.aisectriage.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.event.WebhookEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** Webhook events built from the payload files in {@code src/test/resources/payloads/<event>-<action>-<scenario>.json}. */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    public static WebhookEvent event(String file, String deliveryId) {
        return event(file, deliveryId, p -> {});
    }

    /** The event of a payload file, after a test's change to the payload. */
    public static WebhookEvent event(String file, String deliveryId, Consumer<ObjectNode> change) {
        ObjectNode payload = (ObjectNode) payload(file);
        change.accept(payload);
        String event = file.substring(0, file.indexOf('-'));
        JsonNode installation = payload.path("installation");
        JsonNode repository = payload.path("repository");
        return new WebhookEvent(
                deliveryId,
                event,
                payload.path("action").asText(null),
                installation.has("id") ? installation.get("id").asLong() : null,
                repository.has("full_name") ? repository.get("full_name").asText() : null,
                payload);
    }

    public static JsonNode payload(String file) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/payloads/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no payload fixture " + file);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
