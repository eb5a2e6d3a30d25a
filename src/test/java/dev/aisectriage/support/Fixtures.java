package dev.aisectriage.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.event.WebhookEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Webhook events built from the payload files in {@code test-fixtures/<event>-<action>-<scenario>.json}. */
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
        Path path = Webhooks.FIXTURES.resolve(file);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no payload fixture " + path);
        }
        try {
            return JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
