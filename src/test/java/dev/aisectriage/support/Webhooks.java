package dev.aisectriage.support;

import dev.aisectriage.web.WebhookSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Posts webhook deliveries to a running service the way GitHub does. */
public final class Webhooks {

    public static final Path FIXTURES = Path.of("test-fixtures");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String secret;

    public Webhooks(int port, String secret) {
        this("127.0.0.1", port, secret);
    }

    /** Sends to {@code host}: another address of this machine than loopback looks like a stranger to the server. */
    public Webhooks(String host, int port, String secret) {
        this.baseUrl = "http://" + host + ":" + port;
        this.secret = secret;
    }

    public static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(FIXTURES.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signed with the right secret. */
    public HttpResponse<String> send(String event, String deliveryId, byte[] body) {
        return post(event, deliveryId, body, new WebhookSignature(secret).sign(body));
    }

    /** With the given signature header value (null: no header). */
    public HttpResponse<String> post(String event, String deliveryId, byte[] body, String signature) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + "/webhooks/github"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (event != null) {
            b.header("X-GitHub-Event", event);
        }
        if (deliveryId != null) {
            b.header("X-GitHub-Delivery", deliveryId);
        }
        if (signature != null) {
            b.header(WebhookSignature.HEADER, signature);
        }
        return send(b.build());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
