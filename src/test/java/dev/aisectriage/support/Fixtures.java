package dev.aisectriage.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.github.GitHubDeliveries;
import dev.aisectriage.huggingface.HubDeliveries;
import dev.aisectriage.huggingface.HubEvents;
import dev.aisectriage.huggingface.HubWebhookPayload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Deliveries built from the payload files in {@code test-fixtures/<event>-<action>-<scenario>.json}. */
public final class Fixtures {

    /** The REST path of the repository the fixtures' issues and discussions belong to. */
    public static final String REPO = "/repos/octo-org/ml-server";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    public static Delivery event(String file, String deliveryId) {
        return event(file, deliveryId, p -> {});
    }

    /** The event of a payload file, after a test's change to the payload. */
    public static Delivery event(String file, String deliveryId, Consumer<ObjectNode> change) {
        ObjectNode payload = (ObjectNode) payload(file);
        change.accept(payload);
        return GitHubDeliveries.of(deliveryId, file.substring(0, file.indexOf('-')), payload.toString(), payload);
    }

    /** A delivery as the intake stores it, its body given as text. */
    public static Delivery delivery(
            String id,
            String event,
            String action,
            Long installationId,
            String repository,
            Integer threadNumber,
            String semanticKey,
            String body) {
        try {
            return new Delivery(
                    id,
                    event,
                    action,
                    installationId,
                    repository,
                    threadNumber,
                    semanticKey,
                    body,
                    JSON.readTree(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A delivery of this parsed payload. */
    public static Delivery delivery(
            String id, String event, String action, Long installationId, String repository, JsonNode payload) {
        return new Delivery(id, event, action, installationId, repository, null, null, payload.toString(), payload);
    }

    /** A Hub delivery of this payload, as the Hub's intake builds it ({@code event} and {@code action} normalised). */
    public static Delivery hubDelivery(String event, String action, JsonNode payload) {
        try {
            HubWebhookPayload hub = HubWebhookPayload.bind(payload);
            return HubDeliveries.of(
                    payload.toString(),
                    payload,
                    hub,
                    "test-webhook",
                    new HubEvents.Normalised(event, action),
                    hub.hubRepo());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
