package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.support.Answering;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The backfill's listing through hub4j: pages of 100, oldest first, pull requests left out, nothing fetched per issue. */
@Timeout(30)
class RepositoryIssuesTest {

    private final List<RecordedRequest> seen = new CopyOnWriteArrayList<>();

    @StartStop
    final MockWebServer github = Answering.server(r -> {
        seen.add(r);
        return answer(r);
    });

    @Test
    void issuesComeOldestFirstWithoutThePullRequestWhenListedGivenTwoPagesWithAPullRequest() {
        // when a token holder lists the repository's open issues
        List<OpenIssue> issues = issues("Bearer ghp_reader").list("octo/ml", "open", null, 10);

        // then both pages were read, the pull request left out, and each issue carries its author and labels
        assertThat(issues).extracting(OpenIssue::number).containsExactly(1, 3);
        assertThat(issues.get(0).author()).isEqualTo("alice");
        assertThat(issues.get(0).authorIsBot()).isFalse();
        assertThat(issues.get(0).labels()).containsExactly("bug");
        assertThat(issues.get(1).authorIsBot()).isTrue();
        assertThat(issues.get(1).url()).isEqualTo("https://github.com/octo/ml/issues/3");
        // and only the two pages were asked for, 100 at a time, oldest first, with the token: no user was fetched
        assertThat(seen).extracting(r -> r.getUrl().encodedPath()).containsExactly("/repos/octo/ml/issues", "/page2");
        assertThat(seen.get(0).getUrl().queryParameter("per_page")).isEqualTo("100");
        assertThat(seen.get(0).getUrl().queryParameter("state")).isEqualTo("open");
        assertThat(seen.get(0).getUrl().queryParameter("sort")).isEqualTo("created");
        assertThat(seen.get(0).getUrl().queryParameter("direction")).isEqualTo("asc");
        assertThat(seen)
                .allSatisfy(r -> assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer ghp_reader"));
    }

    @Test
    void theNextPageIsNotAskedForWhenListedGivenALimitReachedOnTheFirstPage() {
        // when all issues updated since a moment are listed, at most one, without a token (a public repository)
        List<OpenIssue> issues = issues(null).list("octo/ml", "all", Instant.parse("2026-11-01T00:00:00Z"), 1);

        // then one issue came from one request, with the state and moment asked, and no credentials
        assertThat(issues).extracting(OpenIssue::number).containsExactly(1);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).getUrl().queryParameter("state")).isEqualTo("all");
        assertThat(Instant.parse(seen.get(0).getUrl().queryParameter("since")))
                .isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(seen.get(0).getHeaders().get("Authorization")).isNull();
    }

    private RepositoryIssues issues(String authorization) {
        GitHubHttp http = new GitHubHttp(
                github.url("/").toString(),
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(5)),
                d -> {},
                Clock.systemUTC());
        return new RepositoryIssues(http, () -> authorization);
    }

    private MockResponse answer(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        if (path.equals("/repos/octo/ml/issues")) {
            return json("[" + issue(1, "alice", "User", "[{\"name\":\"bug\"}]", false) + ","
                            + issue(2, "bob", "User", "[]", true) + "]")
                    .addHeader("Link", "<" + github.url("/page2") + ">; rel=\"next\"")
                    .build();
        }
        if (path.equals("/page2")) {
            return json("[" + issue(3, "helper[bot]", "Bot", "[]", false) + "]").build();
        }
        return new MockResponse.Builder()
                .code(404)
                .body("{\"message\":\"Not Found\"}")
                .build();
    }

    private static String issue(int number, String login, String type, String labels, boolean pullRequest) {
        return "{\"number\":" + number + ",\"id\":" + (100 + number) + ",\"node_id\":\"I_" + number
                + "\",\"html_url\":\"https://github.com/octo/ml/issues/" + number + "\",\"title\":\"t" + number
                + "\",\"body\":\"b\",\"user\":{\"login\":\"" + login + "\",\"type\":\"" + type + "\"},\"labels\":"
                + labels + (pullRequest ? ",\"pull_request\":{\"url\":\"x\"}" : "") + "}";
    }

    private static MockResponse.Builder json(String body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body);
    }
}
