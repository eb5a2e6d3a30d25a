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

    /** Runs a query or an idempotent mutation and answers its {@code data}. */
    public JsonNode execute(long installationId, String query, Map<String, Object> variables) {
        return data(http.send("POST", http.graphqlPath(), body(query, variables), auth(installationId)));
    }

    /** Runs a mutation that creates something, at most once (see {@link GitHubHttp#sendOnce}). */
    public JsonNode executeOnce(long installationId, String query, Map<String, Object> variables) {
        return data(http.sendOnce("POST", http.graphqlPath(), body(query, variables), auth(installationId)));
    }

    private String auth(long installationId) {
        return "Bearer " + tokens.tokenFor(installationId);
    }

    private static Map<String, Object> body(String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return body;
    }

    private static JsonNode data(GitHubHttp.Response response) {
        JsonNode answer = response.json();
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
