package dev.aisectriage.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.Delivery;
import dev.aisectriage.store.DeliveryOutcome;
import dev.aisectriage.store.SemanticKey;
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
 * {@code POST /webhooks/github}: checks the signature over the raw bytes, stores the delivery (and its job when the
 * routes handle it) and answers at once. Nothing here waits for the classifier or for GitHub.
 */
public final class WebhookEndpoint {

    public static final String PATH = "/webhooks/github";
    static final String STARTED = "webhook.started";
    static final Logger LOG = LoggerFactory.getLogger("delivery");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookSignature signature;
    private final EventRoutes routes;
    private final Deliveries deliveries;
    private final Runnable jobQueued;
    private final TriageMetrics metrics;
    private final boolean loopbackOnly;

    /** @param jobQueued called after a job was queued (wakes a worker) */
    public WebhookEndpoint(
            WebhookSignature signature,
            EventRoutes routes,
            Deliveries deliveries,
            Runnable jobQueued,
            TriageMetrics metrics) {
        this(signature, routes, deliveries, jobQueued, metrics, false);
    }

    /**
     * @param loopbackOnly take deliveries only from this machine: the secret is the published development one while
     *     the server listens on every interface (a service live on the Hub only), so anyone could sign with it
     */
    public WebhookEndpoint(
            WebhookSignature signature,
            EventRoutes routes,
            Deliveries deliveries,
            Runnable jobQueued,
            TriageMetrics metrics,
            boolean loopbackOnly) {
        this.loopbackOnly = loopbackOnly;
        this.signature = signature;
        this.routes = routes;
        this.deliveries = deliveries;
        this.jobQueued = jobQueued;
        this.metrics = metrics;
    }

    public void handle(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
        if (loopbackOnly && !DashboardAccess.isLoopback(ctx.ip())) {
            throw WebhookRejectedException.forbidden("WEBHOOK_SECRET is not set: GitHub deliveries signed with the"
                    + " development secret are taken only from this machine");
        }
        byte[] body = body(ctx);
        String header = ctx.header(WebhookSignature.HEADER);
        if (header == null) {
            throw WebhookRejectedException.unauthorized("missing " + WebhookSignature.HEADER);
        }
        if (!signature.matches(body, header)) {
            throw WebhookRejectedException.unauthorized("wrong " + WebhookSignature.HEADER);
        }
        String deliveryId = required(ctx, "X-GitHub-Delivery");
        String event = required(ctx, "X-GitHub-Event");
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode payload;
        try {
            payload = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw WebhookRejectedException.malformed("body is not JSON: " + e.getOriginalMessage());
        }
        if (payload == null || !payload.isObject()) {
            throw WebhookRejectedException.malformed("body is not a JSON object");
        }

        String action =
                payload.path("action").isTextual() ? payload.get("action").asText() : null;
        JsonNode installation = payload.path("installation").path("id");
        Long installationId = installation.isIntegralNumber() ? installation.asLong() : null;
        String repository = payload.path("repository").path("full_name").isTextual()
                ? payload.get("repository").get("full_name").asText()
                : null;
        Delivery delivery = new Delivery(
                deliveryId,
                event,
                action,
                installationId,
                repository,
                SemanticKey.threadNumber(event, payload),
                SemanticKey.of(installationId, repository, event, action, payload),
                text);

        DeliveryOutcome outcome;
        String reason = null;
        HttpStatus status = HttpStatus.ACCEPTED;
        if ("ping".equals(event)) {
            outcome = deliveries.record(delivery, DeliveryOutcome.PING, null);
            status = HttpStatus.OK;
        } else if (installationId == null) {
            reason = "no installation: a repository webhook, not the App's";
            outcome = deliveries.record(delivery, DeliveryOutcome.IGNORED, reason);
        } else if (!routes.handles(event, action)) {
            reason = "not handled: " + delivery.key();
            outcome = deliveries.record(delivery, DeliveryOutcome.IGNORED, reason);
        } else {
            outcome = deliveries.queue(delivery);
            if (outcome == DeliveryOutcome.QUEUED) {
                jobQueued.run();
            }
        }
        if (outcome == DeliveryOutcome.DUPLICATE && reason == null) {
            reason = "already received: this delivery id, or the same " + delivery.key()
                    + " on the same thread under another id; it is acted on once";
        }

        Duration took = Duration.ofNanos(System.nanoTime() - (long) ctx.attribute(STARTED));
        metrics.deliveryAnswered(event, outcome, took);
        LOG.info(
                "delivery id={} event={} repository={} installation={} outcome={} status={} ms={}{}",
                LogSafe.text(deliveryId),
                LogSafe.text(delivery.key()),
                repository == null ? "-" : LogSafe.text(repository),
                installationId == null ? "-" : installationId,
                outcome.label(),
                status.getCode(),
                String.format("%.1f", took.toNanos() / 1e6),
                reason == null ? "" : " reason=\"" + LogSafe.text(reason) + "\"");

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("delivery", deliveryId);
        answer.put("outcome", outcome.label());
        if (reason != null) {
            answer.put("reason", reason);
        }
        if (outcome == DeliveryOutcome.PING) {
            answer.put("zen", payload.path("zen").asText(""));
        }
        ctx.status(status).contentType("application/json").result(WebServer.json(answer));
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
