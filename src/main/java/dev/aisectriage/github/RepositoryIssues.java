package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads a repository's issues for a backfill with read access only: a personal token ({@code GITHUB_TOKEN}), an
 * installation token, or none for a public repository. Pull requests are left out.
 */
public final class RepositoryIssues {

    private final GitHubHttp http;
    private final Supplier<String> authorization;

    /** @param authorization the whole header value ({@code Bearer …}), or a supplier of null for none */
    public RepositoryIssues(GitHubHttp http, Supplier<String> authorization) {
        this.http = http;
        this.authorization = authorization;
    }

    /**
     * @param state {@code open} or {@code all}
     * @param since only issues updated at or after it, or null
     */
    public List<OpenIssue> list(String repository, String state, Instant since, int limit) {
        List<OpenIssue> out = new ArrayList<>();
        String next = "/repos/" + repository + "/issues?state=" + state + "&sort=created&direction=asc&per_page=100"
                + (since == null ? "" : "&since=" + since);
        while (next != null && out.size() < limit) {
            GitHubHttp.Response r = http.send("GET", next, null, authorization.get());
            for (JsonNode i : r.json()) {
                if (i.has("pull_request") || out.size() >= limit) {
                    continue;
                }
                Set<String> labels = new LinkedHashSet<>();
                i.path("labels").forEach(l -> labels.add(l.path("name").asText()));
                JsonNode user = i.path("user");
                out.add(new OpenIssue(
                        i.path("number").asInt(),
                        i.path("node_id").asText(null),
                        i.path("html_url").asText(null),
                        i.path("title").asText(""),
                        i.path("body").asText(""),
                        user.path("login").asText(null),
                        "Bot".equalsIgnoreCase(user.path("type").asText()),
                        labels));
            }
            next = r.nextPage().orElse(null);
        }
        return out;
    }
}
