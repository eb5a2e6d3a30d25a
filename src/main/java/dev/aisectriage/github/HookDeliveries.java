package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The App's own webhook deliveries, as GitHub keeps them for three days, on the App's JWT: list them
 * ({@code GET /app/hook/deliveries}, paginated with its cursor) and ask for one again
 * ({@code POST /app/hook/deliveries/{id}/attempts}).
 */
public final class HookDeliveries {

    private final GitHubHttp http;
    private final Supplier<String> jwt;

    /** @param jwt a fresh App JWT per call ({@link AppJwt#create()}) */
    public HookDeliveries(GitHubHttp http, Supplier<String> jwt) {
        this.http = http;
        this.jwt = jwt;
    }

    /** Deliveries newest first, down to (and including) the first page that reaches back to {@code since}. */
    public List<HookDelivery> since(Instant since) {
        List<HookDelivery> out = new ArrayList<>();
        String next = "/app/hook/deliveries?per_page=100";
        while (next != null) {
            GitHubResponse r = http.send("GET", next, null, "Bearer " + jwt.get());
            boolean older = false;
            for (JsonNode d : r.json()) {
                HookDelivery delivery = HookDelivery.of(d);
                if (delivery.deliveredAt() != null && delivery.deliveredAt().isBefore(since)) {
                    older = true;
                    continue;
                }
                out.add(delivery);
            }
            next = older ? null : r.nextPage().orElse(null);
        }
        return out;
    }

    /** Asks GitHub to send the delivery again (it answers 202 and sends it with the same guid). */
    public void redeliver(long deliveryId) {
        http.send("POST", "/app/hook/deliveries/" + deliveryId + "/attempts", null, "Bearer " + jwt.get());
    }

    /**
     * One delivery attempt as GitHub lists it.
     *
     * @param guid       the {@code X-GitHub-Delivery} header it was sent with (the same for its redeliveries)
     * @param statusCode the answer it got from us; 0 when there was none (time-out, connection refused)
     */
    public record HookDelivery(
            long id, String guid, Instant deliveredAt, boolean redelivery, int statusCode, String event) {

        public boolean succeeded() {
            return statusCode >= 200 && statusCode < 300;
        }

        static HookDelivery of(JsonNode d) {
            Instant at;
            try {
                at = d.hasNonNull("delivered_at")
                        ? Instant.parse(d.get("delivered_at").asText())
                        : null;
            } catch (DateTimeParseException e) {
                at = null;
            }
            return new HookDelivery(
                    d.path("id").asLong(),
                    d.path("guid").asText(""),
                    at,
                    d.path("redelivery").asBoolean(false),
                    d.path("status_code").asInt(0),
                    d.path("event").asText(""));
        }
    }
}
