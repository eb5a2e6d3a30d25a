package dev.aisectriage.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.github.GitHubDeliveries;
import dev.aisectriage.store.DeliveryOutcome;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/github}: checks the signature over the raw bytes, stores the delivery (queued through the job
 * queue when the routes handle it, in the transaction that stores it) and answers at once. Nothing here waits for the
 * classifier or for GitHub.
 *
 * @param loopbackOnly take deliveries only from this machine: the secret is the published development one while the
 *     server listens on every interface (a service live on the Hub only), so anyone could sign with it
 */
public record WebhookEndpoint(WebhookSignature signature, Intake intake, boolean loopbackOnly) {

    public static final String PATH = "/webhooks/github";
    static final String STARTED = "webhook.started";
    static final Logger LOG = LoggerFactory.getLogger("delivery");

    public void handle(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
        if (loopbackOnly && !DashboardAccess.isLoopback(ctx.ip())) {
            throw WebhookRejectedException.forbidden("WEBHOOK_SECRET is not set: GitHub deliveries signed with the"
                    + " development secret are taken only from this machine");
        }
        byte[] body = body(ctx);
        checkSignature(ctx, body);
        String deliveryId = required(ctx, "X-GitHub-Delivery");
        String event = required(ctx, "X-GitHub-Event");
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode payload = Intake.jsonObject(text, "body is not JSON");
        Delivery delivery = GitHubDeliveries.of(deliveryId, event, text, payload);
        Stored stored = store(delivery);
        answer(ctx, delivery, payload, stored);
    }

    /** What became of a delivery: its outcome, the status to answer and why it was not queued (or null). */
    private record Stored(DeliveryOutcome outcome, HttpStatus status, String reason) {}

    private void checkSignature(Context ctx, byte[] body) {
        String header = ctx.header(WebhookSignature.HEADER);
        if (header == null) {
            throw WebhookRejectedException.unauthorized("missing " + WebhookSignature.HEADER);
        }
        if (!signature.matches(body, header)) {
            throw WebhookRejectedException.unauthorized("wrong " + WebhookSignature.HEADER);
        }
    }

    /** Records a ping or an ignored delivery, or queues its job and wakes a worker. */
    private Stored store(Delivery delivery) {
        DeliveryOutcome outcome;
        String reason = null;
        HttpStatus status = HttpStatus.ACCEPTED;
        if ("ping".equals(delivery.event())) {
            outcome = intake.record(delivery, DeliveryOutcome.PING, null);
            status = HttpStatus.OK;
        } else if (delivery.installationId() == null) {
            reason = "no installation: a repository webhook, not the App's";
            outcome = intake.record(delivery, DeliveryOutcome.IGNORED, reason);
        } else {
            reason = intake.unhandled(delivery);
            outcome =
                    reason != null ? intake.record(delivery, DeliveryOutcome.IGNORED, reason) : intake.queue(delivery);
        }
        if (outcome == DeliveryOutcome.DUPLICATE && reason == null) {
            reason = "already received: this delivery id, or the same " + delivery.key()
                    + " on the same thread under another id; it is acted on once";
        }
        return new Stored(outcome, status, reason);
    }

    /** Counts and logs the delivery, then answers with its outcome (and GitHub's zen to a ping). */
    private void answer(Context ctx, Delivery delivery, JsonNode payload, Stored stored) {
        intake.answer(
                ctx,
                delivery,
                "installation=" + (delivery.installationId() == null ? "-" : delivery.installationId()),
                stored.outcome(),
                stored.status(),
                stored.reason(),
                stored.outcome() == DeliveryOutcome.PING
                        ? Map.of("zen", payload.path("zen").asText(""))
                        : Map.of());
    }

    /**
     * The raw body; Javalin refuses one over {@code http.maxRequestSize} with 413. A body the client never finished
     * (it hung up, or sent broken chunks) is the client's error: 400, not 500 with a stack trace.
     */
    private static byte[] body(Context ctx) {
        try {
            return ctx.bodyAsBytes();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) { // Javalin is Kotlin: Jetty's EofException comes through undeclared
            if (e instanceof IOException) {
                throw WebhookRejectedException.malformed("request body could not be read: " + e.getMessage());
            }
            throw new IllegalStateException(e);
        }
    }

    private static String required(Context ctx, String header) {
        String v = ctx.header(header);
        if (v == null || v.isBlank()) {
            throw WebhookRejectedException.malformed("missing " + header + " header");
        }
        return v.trim();
    }
}
