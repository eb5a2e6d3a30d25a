package dev.aisectriage.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who wrote each comment of the comment lists that pass through {@link HttpConnector}, read from the same answer
 * hub4j reads: hub4j's {@code GHIssueComment} does not map {@code performed_via_github_app}, and its
 * {@code getUser()} asks GitHub for the user ({@code GET /users/{login}}), a request per author. Telling the App's
 * own comments from a copied marker must cost nothing more than the list itself.
 */
final class CommentAuthors {

    private static final Pattern ISSUE_COMMENTS = Pattern.compile(".*/repos/[^/]+/[^/]+/issues/\\d+/comments");

    /**
     * Read right after the page passed, and left in place for another listing of the same thread running at once:
     * the bounds only keep old listings from piling up.
     */
    private final Cache<Long, Author> seen = Caffeine.newBuilder()
            .maximumSize(20_000)
            .expireAfterWrite(Duration.ofMinutes(5))
            .build();

    /** Takes note of the authors if {@code path} lists an issue's comments. */
    void observe(String path, GitHubResponse answer) {
        if (!ISSUE_COMMENTS.matcher(path).matches()) {
            return;
        }
        for (JsonNode c : answer.json()) {
            if (!c.hasNonNull("id")) {
                continue;
            }
            JsonNode app = c.path("performed_via_github_app");
            JsonNode user = c.path("user");
            seen.put(
                    c.get("id").asLong(),
                    new Author(
                            app.hasNonNull("id") ? app.get("id").asText() : null,
                            user.path("login").asText(""),
                            "Bot".equalsIgnoreCase(user.path("type").asText())));
        }
    }

    /** The author of a comment that passed lately. */
    Optional<Author> of(long commentId) {
        return Optional.ofNullable(seen.getIfPresent(commentId));
    }

    /**
     * @param appId the id in {@code performed_via_github_app}, or null when GitHub left it out
     * @param login the author's login ({@code slug[bot]} for an App)
     * @param bot whether the author is a bot user
     */
    record Author(String appId, String login, boolean bot) {}
}
