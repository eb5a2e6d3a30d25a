package dev.aisectriage.huggingface;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.core.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One JSON call to the Hub with the bot's token, its error answers turned into exceptions the job queue routes: a
 * 429 is a {@link HubRateLimitedException} carrying when the limit lifts, a 401 or 403 a refusal that says what to
 * check, anything else a {@link HubApiException} with the status.
 */
final class HubHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** The wait when a 429 names no time (as on GitHub: at least a minute). */
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String root;
    private final String token;
    private final Clock clock;

    HubHttp(String root, String token, Clock clock) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.root = root.replaceAll("/+$", "");
        this.token = token;
        this.clock = clock;
    }

    /** GET without a body, otherwise {@code method} with {@code body} as JSON; the answer's JSON (empty: {}). */
    JsonNode send(String method, String path, Map<String, String> body) {
        String what = method + " " + path;
        HttpResponse<String> response;
        try {
            response =
                    http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HubApiException(what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubApiException(what + ": interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw failure(what, response);
        }
        try {
            String text = response.body();
            return text == null || text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new HubApiException(response.statusCode(), what + ": answer is not JSON");
        }
    }

    private HttpRequest request(String method, String path, Map<String, String> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root + path))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("User-Agent", "ai-security-triage");
        if (body == null) {
            return request.GET().build();
        }
        try {
            return request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HubApiException failure(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        String answer = what + ": " + status + " " + abbreviate(response.body());
        if (status == 429) {
            Instant lifts = RetryAfter.lifts(
                            response.headers().firstValue("retry-after"),
                            response.headers().firstValue("date"),
                            clock,
                            DEFAULT_WAIT)
                    .orElse(clock.instant().plus(DEFAULT_WAIT));
            return new HubRateLimitedException(lifts, "Hub rate limit until " + lifts + ": " + answer);
        }
        if (status == 401) {
            return new HubApiException(status, "the Hub refused HF_TOKEN (invalid or revoked): " + answer);
        }
        if (status == 403) {
            return new HubApiException(
                    status, "the Hub refused the request (HF_TOKEN may lack the discussion permission): " + answer);
        }
        return new HubApiException(status, answer);
    }

    static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "…" : oneLine;
    }
}
