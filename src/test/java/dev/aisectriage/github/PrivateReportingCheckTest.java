package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.StandInGitHub;
import java.time.Instant;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class PrivateReportingCheckTest {

    private static final String CHECK = "GET /repos/example-ml/model-zoo/private-vulnerability-reporting";

    @RegisterExtension
    final StandInGitHub gitHub = new StandInGitHub();

    private final PrivateReportingCheck check = new PrivateReportingCheck(
            new InstallationReads(gitHub.http, new InstallationCalls(gitHub.tokens, gitHub.limits)));

    @Test
    void privateReportingSwitchedOnIsEnabledAfterOneRequestOnTheInstallationToken() {
        // given GitHub says private reporting is on
        gitHub.github.script(CHECK, FakeGitHub.json(200, "{\"enabled\":true}"));

        // when the bot asks
        PrivateReporting answer = check.check(48151623L, "example-ml/model-zoo");

        // then it is enabled, after exactly one request sent with the installation's token
        assertThat(answer.state()).isEqualTo(PrivateReporting.State.ENABLED);
        assertThat(gitHub.calls()).containsExactly(CHECK);
        assertThat(gitHub.github.requests().get(1).authorization()).isEqualTo("Bearer ghs_48151623_1");
    }

    @Test
    void privateReportingSwitchedOffIsDisabled() {
        // given GitHub says private reporting is off
        gitHub.github.script(CHECK, FakeGitHub.json(200, "{\"enabled\":false}"));

        // when the bot asks, then it is disabled
        assertThat(check.check(48151623L, "example-ml/model-zoo"))
                .isEqualTo(new PrivateReporting(PrivateReporting.State.DISABLED, "private reporting is switched off"));
    }

    @Test
    void aRepositoryWithoutTheFeatureAnswering404IsDisabledWithoutARetry() {
        // given GitHub does not offer the feature for this repository
        gitHub.github.script(CHECK, FakeGitHub.json(404, "{\"message\":\"Not Found\"}"));

        // when the bot asks
        PrivateReporting answer = check.check(48151623L, "example-ml/model-zoo");

        // then it counts as off, and the 404 was final: one request
        assertThat(answer.state()).isEqualTo(PrivateReporting.State.DISABLED);
        assertThat(answer.detail()).contains("404");
        assertThat(gitHub.calls()).containsExactly(CHECK);
    }

    @Test
    void anAppThatMayNotAskGets403AndTheAnswerIsUnknownWithoutARetry() {
        // given the installation may not read the setting
        gitHub.github.script(
                CHECK,
                FakeGitHub.json(
                        403,
                        "{\"message\":\"Resource not accessible by integration\",\"documentation_url\":"
                                + "\"https://docs.github.com/rest/repos/repos#check-if-private-vulnerability-reporting"
                                + "-is-enabled-for-a-repository\",\"status\":\"403\"}"));

        // when the bot asks
        PrivateReporting answer = check.check(48151623L, "example-ml/model-zoo");

        // then it cannot tell, says why, and asked once
        assertThat(answer.state()).isEqualTo(PrivateReporting.State.UNKNOWN);
        assertThat(answer.detail()).contains("403");
        assertThat(gitHub.calls()).containsExactly(CHECK);
    }

    @Test
    void anAnswerWithoutTheEnabledFlagIsUnknown() {
        // given an answer that is not the documented one
        gitHub.github.script(CHECK, FakeGitHub.json(200, "{\"enabled\":\"yes\"}"));

        // when the bot asks, then it does not guess
        assertThat(check.check(48151623L, "example-ml/model-zoo").state()).isEqualTo(PrivateReporting.State.UNKNOWN);
    }

    @Test
    void aServerErrorIsRetriedAndTheLaterAnswerCounts() {
        // given one 502 before the answer
        gitHub.github.script(CHECK, FakeGitHub.json(502, "{}"), FakeGitHub.json(200, "{\"enabled\":true}"));

        // when the bot asks, then the second try's answer counts
        assertThat(check.check(48151623L, "example-ml/model-zoo").enabled()).isTrue();
        assertThat(gitHub.calls()).containsExactly(CHECK, CHECK);
    }

    @Test
    void aRateLimitIsThrownForTheQueueInsteadOfBecomingAnAnswer() {
        // given the installation's rate limit is spent
        gitHub.github.script(
                CHECK,
                new MockResponse.Builder()
                        .code(403)
                        .addHeader("x-ratelimit-remaining", "0")
                        .addHeader(
                                "x-ratelimit-reset",
                                Long.toString(Instant.now().plusSeconds(600).getEpochSecond()))
                        .body("{\"message\":\"API rate limit exceeded\"}")
                        .build());

        // when the bot asks, then it fails with the time the limit lifts, so that no "unknown" is remembered
        assertThatThrownBy(() -> check.check(48151623L, "example-ml/model-zoo"))
                .isInstanceOfSatisfying(
                        RateLimitedException.class,
                        e -> assertThat(e.retryAt()).isAfter(Instant.now().plusSeconds(500)));
    }
}
