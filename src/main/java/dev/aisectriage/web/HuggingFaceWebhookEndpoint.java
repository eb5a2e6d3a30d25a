package dev.aisectriage.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.config.HubConfig;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.huggingface.HubDeliveries;
import dev.aisectriage.huggingface.HubEvents;
import dev.aisectriage.huggingface.HubRepo;
import dev.aisectriage.huggingface.HubWebhookPayload;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.DeliveryOutcome;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

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
    private final Intake intake;

    public HuggingFaceWebhookEndpoint(HubConfig hub, Intake intake) {
        this.hub = hub;
        this.secretDigest = HubDeliveries.sha256(hub.webhookSecret());
        this.intake = intake;
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
        JsonNode tree = Intake.jsonObject(text, "body is not a Hub webhook payload");
        HubWebhookPayload payload = parse(tree);
        String webhookId = payload.webhook() == null || blank(payload.webhook().id())
                ? "unknown"
                : payload.webhook().id();
        intake.metrics().hubWebhookTriggered(webhookId);

        HubEvents.Normalised kind =
                HubEvents.normalise(payload.event().scope(), payload.event().action());
        RepoLookup lookup = lookUpRepo(payload);
        Delivery delivery;
        try {
            delivery = HubDeliveries.of(text, tree, payload, webhookId, kind, lookup.repo());
        } catch (IllegalArgumentException e) {
            throw WebhookRejectedException.malformed(e.getMessage());
        }
        String reason = lookup.reason() != null ? lookup.reason() : ignoreReason(delivery, payload);
        DeliveryOutcome outcome = store(delivery, reason);
        intake.answer(
                ctx, delivery, "webhook=" + LogSafe.text(webhookId), outcome, HttpStatus.ACCEPTED, reason, Map.of());
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
        if (!MessageDigest.isEqual(HubDeliveries.sha256(given), secretDigest)) {
            throw WebhookRejectedException.forbidden("wrong " + SECRET_HEADER);
        }
    }

    /** The payload, with the fields every Hub event has; 400 when it is not one. */
    private static HubWebhookPayload parse(JsonNode tree) {
        HubWebhookPayload payload;
        try {
            payload = HubWebhookPayload.bind(tree);
        } catch (JsonProcessingException e) {
            throw WebhookRejectedException.malformed("body is not a Hub webhook payload: " + e.getOriginalMessage());
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

    /** Why this delivery is stored without a job, or null when it is queued. */
    private String ignoreReason(Delivery delivery, HubWebhookPayload payload) {
        String unhandled = intake.unhandled(delivery);
        if (unhandled != null) {
            return unhandled;
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
        return reason != null ? intake.record(delivery, DeliveryOutcome.IGNORED, reason) : intake.queue(delivery);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
