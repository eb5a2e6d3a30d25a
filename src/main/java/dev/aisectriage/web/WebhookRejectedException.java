package dev.aisectriage.web;

import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.Map;

/** A delivery refused before it was stored; mapped to its status in one place ({@link WebServer}). */
public final class WebhookRejectedException extends HttpResponseException {

    private final String outcome;

    private WebhookRejectedException(HttpStatus status, String outcome, String message) {
        super(status.getCode(), message, Map.of());
        this.outcome = outcome;
    }

    /** Missing or wrong {@code X-Hub-Signature-256}: 401. */
    public static WebhookRejectedException unauthorized(String message) {
        return new WebhookRejectedException(HttpStatus.UNAUTHORIZED, "unauthorized", message);
    }

    /** A Hugging Face Hub delivery with a wrong {@code X-Webhook-Secret}: 403. */
    public static WebhookRejectedException forbidden(String message) {
        return new WebhookRejectedException(HttpStatus.FORBIDDEN, "forbidden", message);
    }

    /** Signed, but not a delivery we can read (bad JSON, missing headers): 400. */
    public static WebhookRejectedException malformed(String message) {
        return new WebhookRejectedException(HttpStatus.BAD_REQUEST, "malformed", message);
    }

    /** The metrics and log label. */
    public String outcome() {
        return outcome;
    }
}
