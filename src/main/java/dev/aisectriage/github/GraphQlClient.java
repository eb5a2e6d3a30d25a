package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small GraphQL client on the installation token; errors in the answer become {@link GitHubApiException}s. */
public final class GraphQlClient {

    private final GitHubHttp http;
    private final InstallationTokens tokens;

    public GraphQlClient(GitHubHttp http, InstallationTokens tokens) {
        this.http = http;
        this.tokens = tokens;
    }

    /** Runs a query or mutation and answers its {@code data}. */
    public JsonNode execute(long installationId, String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        JsonNode answer = http.send("POST", http.graphqlPath(), body, "Bearer " + tokens.tokenFor(installationId))
                .json();
        JsonNode errors = answer.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            JsonNode first = errors.get(0);
            String type = first.path("type").asText("");
            boolean gone = "NOT_FOUND".equals(type);
            boolean limited = "RATE_LIMITED".equals(type);
            throw new GitHubApiException(
                    "GraphQL error: " + first.path("message").asText(),
                    gone ? 404 : limited ? 403 : 422,
                    !limited,
                    null,
                    null);
        }
        return answer.path("data");
    }
}
