package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.core.Comment;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.TestDatabase;
import dev.aisectriage.support.TestKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ApiGitHubGatewayTest {

    private static final ThreadRef ISSUE = new ThreadRef.GitHubIssue(42, "octo/ml", 7, null);
    private static final ThreadRef DISCUSSION = new ThreadRef.GitHubDiscussion(42, "octo/ml", 9, "D_kwDOA");

    @TempDir
    Path dir;

    private FakeGitHub github;
    private Actions actions;
    private InstallationTokens tokens;
    private GitHubHttp http;
    private final List<Duration> sleeps = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        KeyPair app = TestKeys.rsa();
        github = new FakeGitHub("1", app.getPublic());
        Database db = TestDatabase.open(dir.resolve("triage.db"));
        actions = new Actions(db, db::writeTransaction);
        http = new GitHubHttp(
                github.url(),
                new RetryPolicy(4, Duration.ofMillis(20), Duration.ofSeconds(5)),
                sleeps::add,
                Clock.systemUTC());
        tokens = new InstallationTokens(http, new AppJwt("1", app.getPrivate(), Clock.systemUTC()), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        github.close();
    }

    private GitHubGateway gateway(boolean dryRun) {
        return GitHubApp.onTokens(http, tokens, actions::record, dryRun);
    }

    @Test
    void addsLabelsThroughTheAdditiveEndpointOnTheInstallationToken() {
        // when labels are added to an issue
        gateway(false).addLabels(ISSUE, List.of("security", "ai-security: model"));

        // then exactly one POST to the issue's labels carried them, with the installation token
        assertThat(github.requestLines())
                .containsExactly("POST /app/installations/42/access_tokens", "POST /repos/octo/ml/issues/7/labels");
        FakeGitHub.Request post = github.requests().get(1);
        assertThat(post.body()).isEqualTo("{\"labels\":[\"security\",\"ai-security: model\"]}");
        assertThat(post.authorization()).isEqualTo("Bearer ghs_42_1");
        assertThat(actions.recent(5)).extracting(Actions.Action::action).containsExactly("add labels");
    }

    @Test
    void removesALabelFromAnIssueAndTakesAnAlreadyMissingOneAsDone() {
        // given an issue that has the bot's flag label
        gateway(false).addLabels(ISSUE, List.of("security"));

        // when the label is removed, then removed again (a re-run after a crash)
        gateway(false).removeLabel(ISSUE, "security");
        gateway(false).removeLabel(ISSUE, "security");

        // then two DELETEs were sent, the second answered 404 and not retried, and the label is gone
        assertThat(github.requestLines())
                .containsExactly(
                        "POST /app/installations/42/access_tokens",
                        "POST /repos/octo/ml/issues/7/labels",
                        "DELETE /repos/octo/ml/issues/7/labels/security",
                        "DELETE /repos/octo/ml/issues/7/labels/security");
        assertThat(github.labelsOf("octo/ml#7")).isEmpty();
    }

    @Test
    void removesALabelFromADiscussionThroughRemoveLabelsFromLabelable() {
        // given a repository with the label
        github.existingLabels("octo/ml", "ai-security: model");

        // when it is removed from a discussion
        gateway(false).removeLabel(DISCUSSION, "ai-security: model");

        // then the label's node id is looked up and one mutation removes it from the discussion's node
        List<FakeGitHub.Request> mutations = github.writes();
        assertThat(mutations).singleElement().satisfies(r -> {
            assertThat(r.json().path("query").asText()).contains("removeLabelsFromLabelable");
            assertThat(r.json().path("variables").path("id").asText()).isEqualTo("D_kwDOA");
            assertThat(r.json().path("variables").path("labels").toString()).isEqualTo("[\"LA_ai-security: model\"]");
        });
    }

    @Test
    void inDryRunRemovingALabelIsRecordedAndNothingIsSent() {
        gateway(true).removeLabel(ISSUE, "security");

        assertThat(github.requests()).isEmpty();
        assertThat(actions.recent(5)).singleElement().satisfies(a -> {
            assertThat(a.action()).isEqualTo("remove label");
            assertThat(a.dryRun()).isTrue();
        });
    }

    @Test
    void aRateLimitLongerThanTheLongestInProcessWaitFailsAtOnceWithTheTimeItLifts() {
        // given a limit that lifts in an hour
        github.script(
                "POST /repos/octo/ml/issues/7/labels",
                new MockResponse.Builder()
                        .code(429)
                        .addHeader("retry-after", "3600")
                        .body("{}")
                        .build());

        // when labels are added, then the job fails at once (its queue retries later) and says when to retry
        assertThatThrownBy(() -> gateway(false).addLabels(ISSUE, List.of("security")))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> {
                    assertThat(e.isFinal()).isFalse();
                    assertThat(e.retryAt()).isAfter(Instant.now().plusSeconds(3500));
                });
        assertThat(github.requestLines()).filteredOn(l -> l.endsWith("/labels")).hasSize(1);
    }

    @Test
    void retriesServerErrorsWithBackOff() {
        // given two server errors before success
        github.script("PATCH /repos/octo/ml/issues/comments/5", FakeGitHub.json(502, "{}"), FakeGitHub.json(503, "{}"));
        github.existingComment("octo/ml#7", "5", "old");

        // when the comment is updated
        gateway(false).editComment(ISSUE, "5", "new");

        // then the third attempt changed it, after waits of 20 and 40 ms
        assertThat(github.requestLines()).filteredOn(l -> l.startsWith("PATCH")).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40));
        assertThat(github.commentsOf("octo/ml#7")).containsEntry("5", "new");
    }

    @Test
    void aDeletedThreadIsFinalAndNotRetried() {
        // given the issue is gone
        github.script("POST /repos/octo/ml/issues/7/comments", FakeGitHub.json(404, "{\"message\":\"Not Found\"}"));

        // when a comment is posted, then it fails as final after one attempt
        assertThatThrownBy(() -> gateway(false).createComment(ISSUE, "hello"))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> {
                    assertThat(e.isGone()).isTrue();
                    assertThat(e.isFinal()).isTrue();
                });
        assertThat(github.requestLines())
                .filteredOn(l -> l.endsWith("/comments"))
                .hasSize(1);
    }

    @Test
    void creatingALabelThatExistsAnswersFalseWithoutRetrying() throws IOException {
        // given the repository has the label
        github.existingLabels("octo/ml", "security");

        // when the bot creates it
        boolean created =
                gateway(false).createLabel(42, "octo/ml", new LabelSpec("security", "d73a4a", "A security report"));

        // then GitHub's 422 is final: no retry, no error
        assertThat(created).isFalse();
        assertThat(github.requestLines())
                .filteredOn(l -> l.equals("POST /repos/octo/ml/labels"))
                .hasSize(1);
        assertThat(new ObjectMapper().readTree(github.requests().get(1).body()))
                .isEqualTo(new ObjectMapper()
                        .readTree(
                                "{\"name\":\"security\",\"color\":\"d73a4a\",\"description\":\"A security report\"}"));
    }

    @Test
    void dryRunSendsNoWriteAndRecordsWhatItWouldHaveDone() {
        // when a dry-run gateway labels and comments
        GitHubGateway gateway = gateway(true);
        gateway.addLabels(ISSUE, List.of("security"));
        gateway.createComment(ISSUE, "hello");

        // then GitHub saw nothing and the intended actions are stored
        assertThat(github.requestLines()).isEmpty();
        assertThat(actions.recent(5))
                .allMatch(Actions.Action::dryRun)
                .extracting(a -> a.repository() + "#" + a.number() + " " + a.action() + " " + a.detail())
                .containsExactly("octo/ml#7 create comment hello", "octo/ml#7 add labels [security]");
    }

    @Test
    void discussionsAreCommentedAndLabelledThroughGraphQlMutations() {
        // given the repository has the label
        github.existingLabels("octo/ml", "security");

        // when the bot comments on a discussion, edits the comment and labels it
        GitHubGateway gateway = gateway(false);
        String id = gateway.createComment(DISCUSSION, "first");
        gateway.editComment(DISCUSSION, id, "second");
        gateway.addLabels(DISCUSSION, List.of("security"));

        // then the three mutations carried the discussion, comment and label node ids
        List<FakeGitHub.Request> graphql = github.requests().stream()
                .filter(r -> r.path().equals("/graphql"))
                .toList();
        assertThat(graphql).hasSize(4);
        assertThat(graphql.get(0).json().path("query").asText()).contains("addDiscussionComment");
        assertThat(graphql.get(0).json().path("variables").path("id").asText()).isEqualTo("D_kwDOA");
        assertThat(graphql.get(0).json().path("variables").path("body").asText())
                .isEqualTo("first");
        assertThat(graphql.get(1).json().path("query").asText()).contains("updateDiscussionComment");
        assertThat(graphql.get(1).json().path("variables").path("id").asText()).isEqualTo(id);
        assertThat(graphql.get(3).json().path("query").asText()).contains("addLabelsToLabelable");
        assertThat(graphql.get(3).json().path("variables").path("labels").toString())
                .isEqualTo("[\"LA_security\"]");
        assertThat(github.commentsOf("discussion:D_kwDOA")).containsEntry(id, "second");
    }

    @Test
    void theListAloneTellsThemApartWithNoUserLookedUpWhenListedGivenTheAppsCommentAndCopiedMarkers() {
        // given the App's comment, a person's and another App's, all three carrying the same marker
        github.existingComment("octo/ml#7", "101", "<!-- ai-security-triage --> ours");
        github.existingComment("octo/ml#7", "102", "mallory", "<!-- ai-security-triage --> copied");
        github.existingComment("octo/ml#7", "103", "other[bot]", "<!-- ai-security-triage --> copied");

        // when the issue's comments are listed through hub4j
        List<Comment> comments = gateway(false).comments(ISSUE);

        // then only the App's own is the App's, read from performed_via_github_app in the one listing: no
        // GET /users/{login} (hub4j's GHIssueComment.getUser()), no GET /app
        assertThat(comments)
                .extracting(Comment::id, Comment::byBot)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("101", true),
                        org.assertj.core.groups.Tuple.tuple("102", false),
                        org.assertj.core.groups.Tuple.tuple("103", false));
        assertThat(github.requestLines())
                .containsExactly("POST /app/installations/42/access_tokens", "GET /repos/octo/ml/issues/7/comments");
    }

    @Test
    void onlyTheAppsBotUserCountsAsTheAppWhenListedGivenBotCommentsWithoutTheAppField() {
        // given two bot comments that do not say which App wrote them
        mockwebserver3.MockResponse listing = FakeGitHub.json(
                200,
                "[{\"id\":1,\"body\":\"a\",\"user\":{\"login\":\"" + FakeGitHub.BOT_LOGIN
                        + "\",\"type\":\"Bot\"}},"
                        + "{\"id\":2,\"body\":\"b\",\"user\":{\"login\":\"other[bot]\",\"type\":\"Bot\"}}]");
        github.script("GET /repos/octo/ml/issues/7/comments", listing, listing);

        // when the thread's comments are listed twice
        gateway(false).comments(ISSUE);
        List<Comment> comments = gateway(false).comments(ISSUE);

        // then only the App's bot user's comment is the App's, its login asked of GitHub once
        assertThat(comments).extracting(Comment::byBot).containsExactly(true, false);
        assertThat(github.requestLines()).filteredOn("GET /app"::equals).hasSize(1);
    }

    @Test
    void aNewTokenIsFetchedAndTheMutationSentAgainWhenADiscussionIsCommentedGivenARevokedToken() {
        // given GitHub refuses the cached token on the first GraphQL request
        github.script("POST /graphql", FakeGitHub.json(401, "{\"message\":\"Bad credentials\"}"));

        // when the bot comments on a discussion
        String id = gateway(false).createComment(DISCUSSION, "hello");

        // then a second token was exchanged and the comment made with it, in the same call
        assertThat(id).startsWith("DC_");
        assertThat(github.tokensIssued()).isEqualTo(2);
        assertThat(github.commentsOf("discussion:D_kwDOA")).containsEntry(id, "hello");
    }

    @Test
    void theLabelIsFoundByItsNameWhenADiscussionIsLabelledGivenARepositoryWithMoreThanAHundredLabels() {
        // given 150 labels, the bot's own created last
        for (int i = 0; i < 150; i++) {
            github.existingLabels("octo/ml", "area-" + i);
        }
        github.existingLabels("octo/ml", "Security");

        // when the discussion is labelled
        gateway(false).addLabels(DISCUSSION, List.of("security", "missing"));

        // then one query looked both names up, and the one the repository has was added
        List<FakeGitHub.Request> graphql = github.requests().stream()
                .filter(r -> r.path().equals("/graphql"))
                .toList();
        assertThat(graphql).hasSize(2);
        assertThat(graphql.get(0).json().path("query").asText()).contains("label(name: $l0)");
        assertThat(graphql.get(1).json().path("variables").path("labels").toString())
                .isEqualTo("[\"LA_Security\"]");
    }
}
