package dev.aisectriage.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.aisectriage.config.HubConfig;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.huggingface.HubEvents;
import dev.aisectriage.huggingface.HubRepo;
import dev.aisectriage.huggingface.HubWebhookPayload;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.Delivery;
import dev.aisectriage.store.DeliveryOutcome;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /webhooks/huggingface}: the Hugging Face Hub's webhook. The Hub sends the secret itself, in {@code
 * X-Webhook-Secret} or as {@code ?secret=}: compared in constant time, missing 401, wrong 403, nothing stored. Then
 * the delivery is stored (and its job queued when the routes handle it) and answered at once, as on the GitHub side.
 * The Hub gives no delivery id: the same event sent twice is recognised by its webhook, scope, action, discussion,
 * comment and content, and queued once.
 */
public final class HuggingFaceWebhookEndpoint {

    public static final String PATH = "/webhooks/huggingface";
    public static final String SECRET_HEADER = "X-Webhook-Secret";

    private final HubConfig hub;
    private final byte[] secretDigest;
    private final EventRoutes routes;
    private final Deliveries deliveries;
    private final Runnable jobQueued;
    private final TriageMetrics metrics;

    /** @param jobQueued called after a job was queued (wakes a worker) */
    public HuggingFaceWebhookEndpoint(
            HubConfig hub, EventRoutes routes, Deliveries deliveries, Runnable jobQueued, TriageMetrics metrics) {
        this.hub = hub;
        this.secretDigest = sha256(hub.webhookSecret());
        this.routes = routes;
        this.deliveries = deliveries;
        this.jobQueued = jobQueued;
        this.metrics = metrics;
    }

    public void handle(Context ctx) {
        ctx.attribute(WebhookEndpoint.STARTED, System.nanoTime());
        // The development secret is published: anyone who reaches the port (HOST beyond loopback) could use it.
        if (hub.developmentSecret() && !DashboardAccess.isLoopback(ctx.ip())) {
            throw WebhookRejectedException.forbidden("HF_WEBHOOK_SECRET is not set: Hub deliveries with the"
                    + " development secret are taken only from this machine");
        }
        byte[] body = ctx.bodyAsBytes();
        checkSecret(ctx);
        String text = new String(body, StandardCharsets.UTF_8);
        HubWebhookPayload payload = parse(text);
        String webhookId = payload.webhook() == null || blank(payload.webhook().id())
                ? "unknown"
                : payload.webhook().id();
        metrics.hubWebhookTriggered(webhookId);

        HubEvents.Normalised kind =
                HubEvents.normalise(payload.event().scope(), payload.event().action());
        RepoLookup lookup = lookUpRepo(payload);
        Delivery delivery = delivery(text, webhookId, kind, payload, lookup.repo());
        String reason = lookup.reason() != null ? lookup.reason() : ignoreReason(delivery, kind, payload);
        DeliveryOutcome outcome = store(delivery, reason);
        answer(ctx, delivery, webhookId, kind, outcome, reason);
    }

    /** The repository the payload names, or why it cannot be acted on (a repository type this service skips). */
    private record RepoLookup(HubRepo repo, String reason) {}

    /** The Hub's secret, from the header or the query: missing 401, wrong 403. */
    private void checkSecret(Context ctx) {
        String given = ctx.header(SECRET_HEADER);
        if (given == null || given.isEmpty()) {
            given = ctx.queryParam("secret");
        }
        if (given == null || given.isEmpty()) {
            throw WebhookRejectedException.unauthorized("missing " + SECRET_HEADER);
        }
        // Digests of equal length, so the comparison takes the same time whatever the length of the guess.
        if (!MessageDigest.isEqual(sha256(given), secretDigest)) {
            throw WebhookRejectedException.forbidden("wrong " + SECRET_HEADER);
        }
    }

    /** The payload, with the fields every Hub event has; 400 when it is not one. */
    private static HubWebhookPayload parse(String text) {
        HubWebhookPayload payload;
        try {
            payload = HubWebhookPayload.parse(text);
        } catch (JsonProcessingException e) {
            throw WebhookRejectedException.malformed("body is not a Hub webhook payload: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.malformed(e.getMessage());
        }
        if (payload.event() == null
                || blank(payload.event().scope())
                || blank(payload.event().action())) {
            throw WebhookRejectedException.malformed("payload has no event.scope or event.action");
        }
        if (payload.repo() == null || blank(payload.repo().name())) {
            throw WebhookRejectedException.malformed("payload has no repo.name");
        }
        return payload;
    }

    private static RepoLookup lookUpRepo(HubWebhookPayload payload) {
        try {
            return new RepoLookup(payload.hubRepo(), null);
        } catch (HubRepo.UnknownRepoTypeException e) {
            return new RepoLookup(null, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.malformed(e.getMessage());
        }
    }

    /** The delivery to store; a discussion event without a positive discussion number is a 400. */
    private static Delivery delivery(
            String text, String webhookId, HubEvents.Normalised kind, HubWebhookPayload payload, HubRepo repo) {
        boolean discussionEvent = kind.event().startsWith(HubEvents.DISCUSSION);
        if (discussionEvent
                && (payload.discussion() == null
                        || payload.discussion().num() == null
                        || payload.discussion().num() < 1)) {
            throw WebhookRejectedException.malformed("a discussion event without a positive discussion.num");
        }
        return new Delivery(
                "hf-" + UUID.randomUUID(),
                kind.event(),
                kind.action(),
                null,
                repo == null ? payload.repo().type() + "/" + payload.repo().name() : repo.path(),
                discussionEvent ? payload.discussion().num() : null,
                discussionEvent ? semanticKey(webhookId, kind, payload) : null,
                text);
    }

    /** Why this delivery is stored without a job, or null when it is queued. */
    private String ignoreReason(Delivery delivery, HubEvents.Normalised kind, HubWebhookPayload payload) {
        if (!routes.handles(kind.event(), kind.action())) {
            return "not handled: " + delivery.key();
        } else if (!hub.actsOn(payload.repo().name())) {
            return "repository " + payload.repo().name() + " is not in HF_REPOS or is in HF_IGNORE";
        } else if (payload.discussion().isPullRequest() && !hub.pullRequests()) {
            return "a pull request (HF_PULL_REQUESTS is off)";
        } else if (payload.comment() != null && payload.comment().hidden()) {
            return "a hidden comment (no content)";
        }
        return null;
    }

    private DeliveryOutcome store(Delivery delivery, String reason) {
        if (reason != null) {
            return deliveries.record(delivery, DeliveryOutcome.IGNORED, reason);
        }
        DeliveryOutcome outcome = deliveries.queue(delivery);
        if (outcome == DeliveryOutcome.QUEUED) {
            jobQueued.run();
        }
        return outcome;
    }

    /** Counts and logs the delivery, then answers 202 with its outcome. */
    private void answer(
            Context ctx,
            Delivery delivery,
            String webhookId,
            HubEvents.Normalised kind,
            DeliveryOutcome outcome,
            String reason) {
        Duration took = Duration.ofNanos(System.nanoTime() - (long) ctx.attribute(WebhookEndpoint.STARTED));
        metrics.deliveryAnswered(kind.event(), outcome, took);
        WebhookEndpoint.LOG.info(
                "delivery id={} event={} repository={} webhook={} outcome={} status=202 ms={}{}",
                delivery.deliveryId(),
                LogSafe.text(delivery.key()),
                LogSafe.text(delivery.repository()),
                LogSafe.text(webhookId),
                outcome.label(),
                String.format("%.1f", took.toNanos() / 1e6),
                reason == null ? "" : " reason=\"" + LogSafe.text(reason) + "\"");

        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("delivery", delivery.deliveryId());
        answer.put("outcome", outcome.label());
        if (reason != null) {
            answer.put("reason", reason);
        }
        ctx.status(HttpStatus.ACCEPTED).contentType("application/json").result(WebServer.json(answer));
    }

    /**
     * The identity of a Hub event without a delivery id: webhook, scope, action, discussion, comment and a hash of
     * the title and text, so that the same event sent again (the Hub's replay, a retry) is queued once, and an edit
     * that changes the text is a new event.
     */
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

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
