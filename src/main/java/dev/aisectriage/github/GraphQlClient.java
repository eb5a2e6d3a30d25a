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
        return data(send(installationId, body(query, variables), false));
    }

    /** Runs a mutation that creates something, at most once (see {@link GitHubHttp#sendOnce}). */
    public JsonNode executeOnce(long installationId, String query, Map<String, Object> variables) {
        return data(send(installationId, body(query, variables), true));
    }

    /** As REST does: a refused token (revoked, or the permissions changed) is exchanged again once. */
    private GitHubHttp.Response send(long installationId, Map<String, Object> body, boolean once) {
        try {
            return send(body, "Bearer " + tokens.tokenFor(installationId), once);
        } catch (GitHubApiException e) {
            if (e.status() != 401) {
                throw e;
            }
            tokens.forget(installationId);
            return send(body, "Bearer " + tokens.tokenFor(installationId), once);
        }
    }

    private GitHubHttp.Response send(Map<String, Object> body, String authorization, boolean once) {
        return once
                ? http.sendOnce("POST", http.graphqlPath(), body, authorization)
                : http.send("POST", http.graphqlPath(), body, authorization);
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
