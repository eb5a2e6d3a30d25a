package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small GraphQL client on the installation token (discussions: hub4j has no discussion mutations); errors in the
 * answer become {@link GitHubApiException}s, a rate limit a {@link RateLimitedException}.
 */
public final class GraphQlClient {

    /** GitHub asks to wait at least a minute on a limit that names no time. */
    private static final Duration LIMIT_WITHOUT_RESET = Duration.ofSeconds(60);

    private final GitHubHttp http;
    private final InstallationCalls calls;

    GraphQlClient(GitHubHttp http, InstallationCalls calls) {
        this.http = http;
        this.calls = calls;
    }

    /** Runs a query or an idempotent mutation and answers its {@code data}. */
    public JsonNode execute(long installationId, String query, Map<String, Object> variables) {
        return data(installationId, send(installationId, body(query, variables), false));
    }

    /** Runs a mutation that creates something, at most once (see {@link GitHubHttp#sendOnce}). */
    public JsonNode executeOnce(long installationId, String query, Map<String, Object> variables) {
        return data(installationId, send(installationId, body(query, variables), true));
    }

    private GitHubResponse send(long installationId, Map<String, Object> body, boolean once) {
        return calls.send(
                installationId,
                auth -> once
                        ? http.sendOnce("POST", http.graphqlPath(), body, auth)
                        : http.send("POST", http.graphqlPath(), body, auth));
    }

    private static Map<String, Object> body(String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return body;
    }

    private JsonNode data(long installationId, GitHubResponse response) {
        JsonNode answer = response.json();
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            String type = first.path("type").asText("");
            String message = "GraphQL error: " + first.path("message").asText();
            if ("RATE_LIMITED".equals(type)) {
                GitHubApiException limit = new GitHubApiException(
                        message,
                        403,
                        false,
                        http.primaryReset(response.headers())
                                .orElse(http.clock().instant().plus(LIMIT_WITHOUT_RESET)),
                        null);
                throw calls.limited(installationId, limit);
            }
            throw new GitHubApiException(message, status(type), true, null, null);
        }
        return answer.path("data");
    }

    /**
     * The REST status a final GraphQL error stands for: {@code NOT_FOUND} 404, {@code FORBIDDEN} 403 (a permission the
     * App lacks: "Resource not accessible by integration"), anything else 422.
     */
    private static int status(String type) {
        return switch (type) {
            case "NOT_FOUND" -> 404;
            case "FORBIDDEN" -> 403;
            default -> 422;
        };
    }
}
