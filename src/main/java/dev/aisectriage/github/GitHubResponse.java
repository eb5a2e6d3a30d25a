package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** One answer of GitHub's: status, body and headers. */
public record GitHubResponse(int status, String body, HttpHeaders headers) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        try {
            return body == null || body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new GitHubApiException("GitHub answered something that is not JSON", status, true, null, e);
        }
    }

    /** The {@code rel="next"} URL of a paginated answer. */
    public Optional<String> nextPage() {
        return headers.firstValue("link").flatMap(link -> {
            for (String part : link.split(",")) {
                if (part.contains("rel=\"next\"")) {
                    int from = part.indexOf('<');
                    int to = part.indexOf('>');
                    if (from >= 0 && to > from) {
                        return Optional.of(part.substring(from + 1, to));
                    }
                }
            }
            return Optional.empty();
        });
    }
}
