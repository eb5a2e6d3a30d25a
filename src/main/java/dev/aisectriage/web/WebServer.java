package dev.aisectriage.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.log.LogSafe;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.StoreWriteCheck;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Javalin server: the webhook, health, readiness, metrics and dashboard endpoints, and the one error
 * mapping.
 */
public final class WebServer {

    /** GitHub caps webhook payloads at 25 MB; Javalin answers 413 to anything larger without reading it all. */
    public static final long MAX_BODY_BYTES = 25L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private WebServer() {}

    /**
     * A configured, not yet started server, with the Hugging Face Hub's webhook when {@code hub} is not null.
     *
     * @param more further routes (the setup page while the App has no credentials)
     */
    public static Javalin create(
            WebhookEndpoint webhook,
            HuggingFaceWebhookEndpoint hub,
            Database db,
            BooleanSupplier modelReady,
            TriageMetrics metrics,
            Dashboard dashboard,
            java.util.function.Consumer<io.javalin.config.JavalinConfig> more) {
        return Javalin.create(config -> {
            more.accept(config);
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.routes.post(WebhookEndpoint.PATH, webhook::handle);
            if (hub != null) {
                config.routes.post(HuggingFaceWebhookEndpoint.PATH, hub::handle);
            }
            config.routes.get(
                    "/healthz", ctx -> ctx.contentType("application/json").result("{\"status\":\"ok\"}"));
            config.routes.get("/readyz", ctx -> ready(ctx, db, modelReady));
            config.routes.get(
                    "/metrics", ctx -> ctx.contentType(metrics.contentType()).result(metrics.scrape()));
            config.routes.get("/dashboard", dashboard);
            dashboard.addRoutes(config);
            config.routes.exception(HttpResponseException.class, (e, ctx) -> rejected(e, ctx, metrics));
            config.routes.exception(Exception.class, (e, ctx) -> failed(e, ctx, metrics));
        });
    }

    private static void ready(Context ctx, Database db, BooleanSupplier modelReady) {
        Map<String, Object> checks = new LinkedHashMap<>();
        StoreWriteCheck.Result write = new StoreWriteCheck(db).run();
        boolean database = write.ok();
        if (!database) {
            LOG.warn("readiness: the database does not accept a write: {}", write.reason());
        }
        boolean model;
        try {
            model = modelReady.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("readiness: model check failed: {}", e.toString());
            model = false;
        }
        checks.put("database", database ? "ok" : "unavailable");
        checks.put("model", model ? "ok" : "not loaded");
        checks.put("status", database && model ? "ready" : "not ready");
        ctx.status(database && model ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .contentType("application/json")
                .result(json(checks));
    }

    /** 401, 400, 413 and Javalin's own 4xx: one log line without the body, one metric, a JSON answer. */
    private static void rejected(HttpResponseException e, Context ctx, TriageMetrics metrics) {
        boolean webhook = isWebhook(ctx);
        String outcome = e instanceof WebhookRejectedException r
                ? r.outcome()
                : e.getStatus() == HttpStatus.CONTENT_TOO_LARGE.getCode() ? "too_large" : "http_" + e.getStatus();
        if (webhook) {
            // Headers are not trusted before the signature is checked: the metric does not take them as labels.
            Duration took = took(ctx);
            metrics.deliveryAnswered("unverified", outcome, took);
            WebhookEndpoint.LOG.warn(
                    "delivery id={} event={} repository=- outcome={} status={} ms={} reason=\"{}\"",
                    clean(ctx.header("X-GitHub-Delivery")),
                    clean(ctx.header("X-GitHub-Event")),
                    outcome,
                    e.getStatus(),
                    String.format("%.1f", took.toNanos() / 1e6),
                    clean(e.getMessage()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("error", outcome);
        answer.put("message", e.getMessage());
        ctx.status(e.getStatus()).contentType("application/json").result(json(answer));
    }

    private static void failed(Exception e, Context ctx, TriageMetrics metrics) {
        if (isWebhook(ctx)) {
            metrics.deliveryAnswered("unverified", "error", took(ctx));
        }
        LOG.error(
                "{} {} failed (delivery {})",
                ctx.method(),
                clean(ctx.path()),
                clean(ctx.header("X-GitHub-Delivery")),
                LogSafe.throwable(e));
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType("application/json")
                .result("{\"error\":\"internal\"}");
    }

    private static boolean isWebhook(Context ctx) {
        return ctx.path().equals(WebhookEndpoint.PATH) || ctx.path().equals(HuggingFaceWebhookEndpoint.PATH);
    }

    private static Duration took(Context ctx) {
        Long started = ctx.attribute(WebhookEndpoint.STARTED);
        return started == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
    }

    /** An untrusted header value made safe for one log line. */
    static String clean(String value) {
        if (value == null) {
            return "-";
        }
        String v = value.replaceAll("[\\p{Cntrl}\"]", "?");
        return v.length() > 100 ? v.substring(0, 100) + "…" : v;
    }

    static String json(Map<String, Object> value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
