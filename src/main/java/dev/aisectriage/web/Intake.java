package dev.aisectriage.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.queue.JobQueue;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.DeliveryOutcome;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What both webhook endpoints do with a checked delivery: record it when it is not handled, or queue its job
 * through the job queue (in the transaction that stores it) and wake a worker; then count it, log it in one line and
 * answer with its outcome.
 *
 * @param jobQueued called after a job was queued (wakes an idle worker)
 */
public record Intake(
        EventRoutes routes, Deliveries deliveries, JobQueue queue, Runnable jobQueued, TriageMetrics metrics) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why the routes do not handle the delivery, or null when they do. */
    String unhandled(Delivery delivery) {
        return routes.handles(delivery.event(), delivery.action()) ? null : "not handled: " + delivery.key();
    }

    DeliveryOutcome record(Delivery delivery, DeliveryOutcome outcome, String reason) {
        return deliveries.record(delivery, outcome, reason);
    }

    DeliveryOutcome queue(Delivery delivery) {
        DeliveryOutcome outcome = queue.enqueue(delivery);
        if (outcome == DeliveryOutcome.QUEUED) {
            jobQueued.run();
        }
        return outcome;
    }

    /**
     * Counts and logs the delivery, then answers with its outcome.
     *
     * @param source who sent it, as the log line names it: {@code installation=12}, {@code webhook=abc}
     * @param reason why it was not queued, or null
     * @param more further fields of the answer (GitHub's zen to a ping)
     */
    void answer(
            Context ctx,
            Delivery delivery,
            String source,
            DeliveryOutcome outcome,
            HttpStatus status,
            String reason,
            Map<String, Object> more) {
        Duration took = Duration.ofNanos(System.nanoTime() - (long) ctx.attribute(WebhookEndpoint.STARTED));
        metrics.deliveryAnswered(delivery.event(), outcome, took);
        WebhookEndpoint.LOG.info(
                "delivery id={} event={} repository={} {} outcome={} status={} ms={}{}",
                LogSafe.text(delivery.id()),
                LogSafe.text(delivery.key()),
                delivery.repository() == null ? "-" : LogSafe.text(delivery.repository()),
                source,
                outcome.label(),
                status.getCode(),
                String.format("%.1f", took.toNanos() / 1e6),
                reason == null ? "" : " reason=\"" + LogSafe.text(reason) + "\"");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("delivery", delivery.id());
        answer.put("outcome", outcome.label());
        if (reason != null) {
            answer.put("reason", reason);
        }
        answer.putAll(more);
        ctx.status(status).contentType("application/json").result(WebServer.json(answer));
    }

    /** The body as a JSON object; else a 400 whose reason begins with {@code notJson} (what the body should be). */
    static JsonNode jsonObject(String text, String notJson) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw WebhookRejectedException.malformed(notJson + ": " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw WebhookRejectedException.malformed("body is not a JSON object");
        }
        return tree;
    }
}
