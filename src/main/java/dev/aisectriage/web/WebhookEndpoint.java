package dev.aisectriage.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.github.GitHubDeliveries;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.DeliveryOutcome;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/github}: checks the signature over the raw bytes, stores the delivery (queued through the job
 * queue when the routes handle it, in the transaction that stores it) and answers at once. Nothing here waits for the
 * classifier or for GitHub.
 */
public final class WebhookEndpoint {

    public static final String PATH = "/webhooks/github";
    static final String STARTED = "webhook.started";
    static final Logger LOG = LoggerFactory.getLogger("delivery");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookSignature signature;
    private final Intake intake;
    private final TriageMetrics metrics;
    private final boolean loopbackOnly;

    /**
     * @param loopbackOnly take deliveries only from this machine: the secret is the published development one while
     *     the server listens on every interface (a service live on the Hub only), so anyone could sign with it
     */
    public WebhookEndpoint(WebhookSignature signature, Intake intake, TriageMetrics metrics, boolean loopbackOnly) {
        this.loopbackOnly = loopbackOnly;
        this.signature = signature;
        this.intake = intake;
        this.metrics = metrics;
    }

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
        JsonNode payload = parseObject(text);
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

    private static JsonNode parseObject(String text) {
        JsonNode payload;
        try {
            payload = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw WebhookRejectedException.malformed("body is not JSON: " + e.getOriginalMessage());
        }
        if (payload == null || !payload.isObject()) {
            throw WebhookRejectedException.malformed("body is not a JSON object");
        }
        return payload;
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
        DeliveryOutcome outcome = stored.outcome();
        String reason = stored.reason();
        Duration took = Duration.ofNanos(System.nanoTime() - (long) ctx.attribute(STARTED));
        metrics.deliveryAnswered(delivery.event(), outcome, took);
        LOG.info(
                "delivery id={} event={} repository={} installation={} outcome={} status={} ms={}{}",
                LogSafe.text(delivery.id()),
                LogSafe.text(delivery.key()),
                delivery.repository() == null ? "-" : LogSafe.text(delivery.repository()),
                delivery.installationId() == null ? "-" : delivery.installationId(),
                outcome.label(),
                stored.status().getCode(),
                String.format("%.1f", took.toNanos() / 1e6),
                reason == null ? "" : " reason=\"" + LogSafe.text(reason) + "\"");

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("delivery", delivery.id());
        answer.put("outcome", outcome.label());
        if (reason != null) {
            answer.put("reason", reason);
        }
        if (outcome == DeliveryOutcome.PING) {
            answer.put("zen", payload.path("zen").asText(""));
        }
        ctx.status(stored.status()).contentType("application/json").result(WebServer.json(answer));
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
