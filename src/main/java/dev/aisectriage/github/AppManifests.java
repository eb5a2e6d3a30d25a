package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * GitHub's App manifest flow, the API half: the temporary code GitHub hands to the redirect URL is exchanged for the
 * new App's id, private key and webhook secret ({@code POST /app-manifests/{code}/conversions}, no authentication).
 */
public final class AppManifests {

    private final GitHubHttp http;

    public AppManifests(GitHubHttp http) {
        this.http = http;
    }

    public Conversion convert(String code) {
        JsonNode app = http.send(
                        "POST",
                        "/app-manifests/" + URLEncoder.encode(code, StandardCharsets.UTF_8) + "/conversions",
                        null,
                        null)
                .json();
        if (!app.path("id").canConvertToLong() || !app.hasNonNull("pem") || !app.hasNonNull("webhook_secret")) {
            throw new GitHubApiException(
                    "the manifest conversion answered without id, pem or webhook_secret", 200, true, null, null);
        }
        return new Conversion(
                app.path("id").asLong(),
                app.path("slug").asText(""),
                app.path("html_url").asText(""),
                app.get("pem").asText(),
                app.get("webhook_secret").asText());
    }

    /** The registered App; {@code pem} and {@code webhookSecret} are secrets: never log them. */
    public record Conversion(long id, String slug, String htmlUrl, String pem, String webhookSecret) {
        @Override
        public String toString() {
            return "Conversion[id=" + id + ", slug=" + slug + ", htmlUrl=" + htmlUrl + ", pem=***, webhookSecret=***]";
        }
    }
}
