package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisectriage.core.HiddenComment;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.StandInGitHub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class CommentMinimizerTest {

    private static final ThreadRef.GitHubIssue ISSUE =
            new ThreadRef.GitHubIssue(48151623L, "example-ml/model-zoo", 42, null);
    private static final ThreadRef.GitHubDiscussion DISCUSSION =
            new ThreadRef.GitHubDiscussion(48151623L, "example-ml/model-zoo", 7, "D_kwDOKbZ1aM4AWq3t");
    private static final String GRAPHQL = "POST /graphql";
    private static final String HIDDEN = "{\"data\":{\"minimizeComment\":{\"minimizedComment\":"
            + "{\"isMinimized\":true,\"minimizedReason\":\"off-topic\"}}}}";
    /** What GitHub answers an installation without the permission: 200, with a FORBIDDEN error. */
    private static final String FORBIDDEN = "{\"data\":{\"minimizeComment\":null},\"errors\":[{\"type\":\"FORBIDDEN\","
            + "\"path\":[\"minimizeComment\"],\"locations\":[{\"line\":1,\"column\":76}],"
            + "\"message\":\"Resource not accessible by integration\"}]}";

    @RegisterExtension
    final StandInGitHub gitHub = new StandInGitHub();

    private final CommentMinimizer minimizer =
            new CommentMinimizer(new GraphQlClient(gitHub.http, new InstallationCalls(gitHub.tokens, gitHub.limits)));

    @Test
    void aCommentIsHiddenAsOffTopicThroughOneMinimizeCommentMutation() {
        // given GitHub hides the comment
        gitHub.github.script(GRAPHQL, FakeGitHub.json(200, HIDDEN));

        // when the bot hides an issue comment by its node id
        HiddenComment result = minimizer.hide(ISSUE, "IC_kwDOKbZ1aM6Qx2Lb");

        // then one mutation named the comment and the off-topic classifier, and the comment is hidden
        assertThat(result).isEqualTo(new HiddenComment.Hidden("off-topic"));
        assertThat(gitHub.calls()).containsExactly(GRAPHQL);
        FakeGitHub.Request sent = gitHub.github.requests().get(1);
        assertThat(sent.json().path("query").asText()).contains("minimizeComment(input:");
        assertThat(sent.json().path("variables").path("id").asText()).isEqualTo("IC_kwDOKbZ1aM6Qx2Lb");
        assertThat(sent.json().path("variables").path("classifier").asText()).isEqualTo("OFF_TOPIC");
        assertThat(sent.authorization()).isEqualTo("Bearer ghs_48151623_1");
    }

    @Test
    void anAppWithoutIssuesWriteGetsOneClearNotPermittedAndNoRetry() {
        // given the installation lacks the permission
        gitHub.github.script(GRAPHQL, FakeGitHub.json(200, FORBIDDEN), FakeGitHub.json(200, HIDDEN));

        // when the bot hides an issue comment
        HiddenComment result = minimizer.hide(ISSUE, "IC_kwDOKbZ1aM6Qx2Lb");

        // then the outcome names the missing permission in one line, after a single request
        assertThat(result).isInstanceOfSatisfying(HiddenComment.NotPermitted.class, n -> {
            assertThat(n.missing().permission()).isEqualTo("Issues: write");
            assertThat(n.missing().line())
                    .isEqualTo("example-ml/model-zoo: could not hide a comment: the App lacks the \"Issues: write\""
                            + " permission (GitHub: GraphQL error: Resource not accessible by integration); grant it"
                            + " in the App's settings, nothing is retried until then");
        });
        assertThat(gitHub.calls()).containsExactly(GRAPHQL);
    }

    @Test
    void aDiscussionCommentNeedsDiscussionsWrite() {
        // given the installation lacks the permission
        gitHub.github.script(GRAPHQL, FakeGitHub.json(200, FORBIDDEN));

        // when the bot hides a discussion comment, then the permission named is the discussions one
        assertThat(minimizer.hide(DISCUSSION, "DC_kwDOKbZ1aM4Aj9Xw"))
                .isInstanceOfSatisfying(
                        HiddenComment.NotPermitted.class,
                        n -> assertThat(n.missing().permission()).isEqualTo("Discussions: write"));
    }

    @Test
    void aRest403FromTheGraphqlEndpointIsAMissingPermissionToo() {
        // given GitHub refuses at the HTTP level
        gitHub.github.script(GRAPHQL, FakeGitHub.json(403, "{\"message\":\"Resource not accessible by integration\"}"));

        // when the bot hides a comment, then it is the same one outcome, after one request
        assertThat(minimizer.hide(ISSUE, "IC_kwDOKbZ1aM6Qx2Lb")).isInstanceOf(HiddenComment.NotPermitted.class);
        assertThat(gitHub.calls()).containsExactly(GRAPHQL);
    }

    @Test
    void aCommentDeletedMeanwhileIsGone() {
        // given the comment no longer exists
        gitHub.github.script(
                GRAPHQL,
                FakeGitHub.json(
                        200,
                        "{\"data\":{\"minimizeComment\":null},\"errors\":[{\"type\":\"NOT_FOUND\","
                                + "\"message\":\"Could not resolve to a node with the global id of"
                                + " 'IC_kwDOKbZ1aM6Qx2Lb'\"}]}"));

        // when the bot hides it, then there is nothing left to hide
        assertThat(minimizer.hide(ISSUE, "IC_kwDOKbZ1aM6Qx2Lb")).isInstanceOf(HiddenComment.Gone.class);
    }

    @Test
    void hidingIsIdempotentSoAServerErrorIsRetried() {
        // given a 502 before GitHub hides the comment
        gitHub.github.script(GRAPHQL, FakeGitHub.json(502, "{}"), FakeGitHub.json(200, HIDDEN));

        // when the bot hides it, then the second try hides it
        assertThat(minimizer.hide(ISSUE, "IC_kwDOKbZ1aM6Qx2Lb")).isInstanceOf(HiddenComment.Hidden.class);
        assertThat(gitHub.calls()).containsExactly(GRAPHQL, GRAPHQL);
    }

    @Test
    void anAnswerThatDoesNotHideTheCommentIsAnError() {
        // given GitHub answers without hiding
        gitHub.github.script(
                GRAPHQL,
                FakeGitHub.json(
                        200, "{\"data\":{\"minimizeComment\":{\"minimizedComment\":{\"isMinimized\":false}}}}"));

        // when the bot hides it, then it does not claim success
        assertThatThrownBy(() -> minimizer.hide(ISSUE, "IC_kwDOKbZ1aM6Qx2Lb"))
                .isInstanceOf(GitHubApiException.class)
                .hasMessageContaining("without hiding");
    }
}
