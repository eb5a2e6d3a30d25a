package dev.aisectriage.github;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.kohsuke.github.GHDirection;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueQueryBuilder;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;

/**
 * Reads a repository's issues for a backfill with read access only: a personal token ({@code GITHUB_TOKEN}), an
 * installation token, or none for a public repository. Pull requests are left out. Through hub4j's
 * {@code queryIssues} on a repository bound without a fetch: one request per 100 issues, as by hand.
 */
public final class RepositoryIssues {

    private final GitHub client;

    /** @param authorization the whole header value ({@code Bearer …}), or a supplier of null for none */
    public RepositoryIssues(GitHubHttp http, Supplier<String> authorization) {
        this.client = GitHubObjects.client(http, send -> send.apply(authorization.get()), new CommentAuthors());
    }

    /**
     * @param state {@code open} or {@code all}
     * @param since only issues updated at or after it, or null
     */
    public List<OpenIssue> list(String repository, String state, Instant since, int limit) {
        GHIssueState which = "all".equals(state) ? GHIssueState.ALL : GHIssueState.OPEN;
        return GitHubObjects.run(() -> list(GitHubObjects.repository(client, repository), which, since, limit));
    }

    /** Oldest first, at most {@code limit}, pages of 100; nothing beyond the page holding the last one is asked. */
    static List<OpenIssue> list(GHRepository repository, GHIssueState state, Instant since, int limit)
            throws IOException {
        List<OpenIssue> out = new ArrayList<>();
        if (limit <= 0) {
            return out;
        }
        GHIssueQueryBuilder query = repository
                .queryIssues()
                .state(state)
                .sort(GHIssueQueryBuilder.Sort.CREATED)
                .direction(GHDirection.ASC)
                .pageSize(100);
        if (since != null) {
            query.since(since);
        }
        for (GHIssue i : ((GHIssueQueryBuilder.ForRepository) query).list()) {
            if (!i.isPullRequest()) {
                out.add(openIssue(i));
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    /** Nothing here is fetched: GitHub's issue lists carry the author's login and type. */
    private static OpenIssue openIssue(GHIssue i) throws IOException {
        Set<String> labels = new LinkedHashSet<>();
        for (GHLabel l : i.getLabels()) {
            labels.add(l.getName());
        }
        return new OpenIssue(
                i.getNumber(),
                i.getNodeId(),
                i.getHtmlUrl() == null ? null : i.getHtmlUrl().toString(),
                i.getTitle() == null ? "" : i.getTitle(),
                i.getBody() == null ? "" : i.getBody(),
                i.getUser() == null ? null : i.getUser().getLogin(),
                i.getUser() != null && "Bot".equalsIgnoreCase(i.getUser().getType()),
                labels);
    }
}
