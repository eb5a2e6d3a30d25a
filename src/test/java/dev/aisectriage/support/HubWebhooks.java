package dev.aisectriage.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Posts webhook calls to a running service the way the Hugging Face Hub does: the secret itself in a header. */
public final class HubWebhooks {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String secret;

    public HubWebhooks(int port, String secret) {
        this.url = "http://127.0.0.1:" + port + "/webhooks/huggingface";
        this.secret = secret;
    }

    /** With the right secret in {@code X-Webhook-Secret}. */
    public HttpResponse<String> send(byte[] body) {
        return post("", body, secret);
    }

    /** With the given secret header (null: none) and query ({@code ""} or {@code ?secret=…}). */
    public HttpResponse<String> post(String query, byte[] body, String secretHeader) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + query))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (secretHeader != null) {
            b.header("X-Webhook-Secret", secretHeader);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
