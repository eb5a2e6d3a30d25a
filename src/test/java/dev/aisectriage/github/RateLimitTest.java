package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.MutableClock;
import dev.aisectriage.support.TestKeys;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Rate limits are handed back to the job queue with the time they lift; nothing is sent before then, nobody sleeps. */
@Timeout(30)
class RateLimitTest {

    private static final ThreadRef ISSUE = new ThreadRef.GitHubIssue(42, "octo/ml", 7, null);
    private static final ThreadRef OTHER_INSTALLATION = new ThreadRef.GitHubIssue(43, "acme/llm", 3, null);
    private static final String LABELS = "POST /repos/octo/ml/issues/7/labels";

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private FakeGitHub github;
    private ApiGitHubGateway gateway;

    @BeforeEach
    void start() throws IOException {
        var app = TestKeys.rsa();
        github = new FakeGitHub("1", app.getPublic());
        GitHubHttp http = new GitHubHttp(
                github.url(), new RetryPolicy(4, Duration.ofMillis(20), Duration.ofSeconds(5)), sleeps::add, clock);
        InstallationTokens tokens =
                new InstallationTokens(http, new AppJwt("1", app.getPrivate(), Clock.systemUTC()), clock);
        gateway = new ApiGitHubGateway(http, tokens, (i, r, n, a, d, dry) -> {});
    }

    @AfterEach
    void stop() {
        github.close();
    }

    @Test
    void itFailsWithTheTimeItLiftsAndTheInstallationSendsNothingUntilThenWhenACallMeetsItGivenRetryAfter120() {
        // given GitHub answers the labels with a secondary limit of two minutes
        github.script(LABELS, limited(429, "retry-after", "120"));
        Instant start = clock.instant();

        // when labels are added, then the call fails at once with the time the limit lifts
        assertThatThrownBy(() -> gateway.addLabels(ISSUE, List.of("security")))
                .isInstanceOfSatisfying(GitHubApiException.class, e -> {
                    assertThat(e.isFinal()).isFalse();
                    assertThat(e.retryAt()).isEqualTo(start.plusSeconds(120));
                });
        int sent = github.requests().size();

        // and another call of the same installation before then sends nothing
        clock.advance(Duration.ofSeconds(119));
        assertThatThrownBy(() -> gateway.createComment(ISSUE, "hello"))
                .isInstanceOfSatisfying(
                        GitHubApiException.class, e -> assertThat(e.retryAt()).isEqualTo(start.plusSeconds(120)));
        assertThat(github.requests()).hasSize(sent);

        // while another installation is not held up, and once the limit lifted the call goes through
        gateway.addLabels(OTHER_INSTALLATION, List.of("security"));
        clock.advance(Duration.ofSeconds(1));
        gateway.addLabels(ISSUE, List.of("security"));
        assertThat(github.labelsOf("octo/ml#7")).containsExactly("security");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void theResetCountsFromTheServersDateNotTheLocalClockWhenACallMeetsItGivenThePrimaryLimitSpent() {
        // given a server whose clock is an hour ahead of ours, and a limit that resets five minutes from its now
        Instant serverNow = clock.instant().plus(Duration.ofHours(1));
        github.script(
                LABELS,
                new MockResponse.Builder()
                        .code(403)
                        .addHeader(
                                "date", DateTimeFormatter.RFC_1123_DATE_TIME.format(serverNow.atZone(ZoneOffset.UTC)))
                        .addHeader("x-ratelimit-remaining", "0")
                        .addHeader("x-ratelimit-reset", String.valueOf(serverNow.getEpochSecond() + 300))
                        .body("{\"message\":\"API rate limit exceeded\"}")
                        .build());

        // when labels are added, then the retry is due five minutes from our now (plus a second of margin)
        assertThatThrownBy(() -> gateway.addLabels(ISSUE, List.of("security")))
                .isInstanceOfSatisfying(
                        GitHubApiException.class,
                        e -> assertThat(e.retryAt())
                                .isBetween(
                                        clock.instant().plusSeconds(300),
                                        clock.instant().plusSeconds(301)));
        assertThat(github.requestLines()).filteredOn(LABELS::equals).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void itIsHandedBackWithoutSleepingWhenACallMeetsItGivenAShortRetryAfter() {
        // given a one-second secondary limit
        github.script(LABELS, limited(403, "retry-after", "1"));

        // when labels are added, then nobody waits in-process: the job is handed back
        assertThatThrownBy(() -> gateway.addLabels(ISSUE, List.of("security")))
                .isInstanceOfSatisfying(
                        GitHubApiException.class,
                        e -> assertThat(e.retryAt()).isEqualTo(clock.instant().plusSeconds(1)));
        assertThat(github.requestLines()).filteredOn(LABELS::equals).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void itWaitsAMinuteWhenACallMeetsItGivenASecondaryLimitWithoutRetryAfter() {
        github.script(
                LABELS,
                new MockResponse.Builder()
                        .code(403)
                        .body("{\"message\":\"You have exceeded a secondary rate limit\"}")
                        .build());

        assertThatThrownBy(() -> gateway.addLabels(ISSUE, List.of("security")))
                .isInstanceOfSatisfying(
                        GitHubApiException.class,
                        e -> assertThat(e.retryAt()).isEqualTo(clock.instant().plusSeconds(60)));
        assertThat(sleeps).isEmpty();
    }

    @Test
    void itIsHandedBackWithTheResetFromTheServersDateWhenADiscussionIsCommentedGivenGraphQlAnswersRateLimited() {
        // given GraphQL's primary limit spent, reset 90 s from the server's now (which is 10 minutes behind ours)
        Instant serverNow = clock.instant().minus(Duration.ofMinutes(10));
        github.script(
                "POST /graphql",
                new MockResponse.Builder()
                        .code(200)
                        .addHeader(
                                "date", DateTimeFormatter.RFC_1123_DATE_TIME.format(serverNow.atZone(ZoneOffset.UTC)))
                        .addHeader("x-ratelimit-remaining", "0")
                        .addHeader("x-ratelimit-reset", String.valueOf(serverNow.getEpochSecond() + 90))
                        .body("{\"errors\":[{\"type\":\"RATE_LIMITED\",\"message\":\"API rate limit exceeded\"}]}")
                        .build());
        ThreadRef discussion = new ThreadRef.GitHubDiscussion(42, "octo/ml", 9, "D_kwDOA");

        // when the bot comments, then the call is handed back for 90 s (and a second) from our now
        assertThatThrownBy(() -> gateway.createComment(discussion, "hello"))
                .isInstanceOfSatisfying(RateLimitedException.class, e -> {
                    assertThat(e.installationId()).isEqualTo(42);
                    assertThat(e.retryAt()).isEqualTo(clock.instant().plusSeconds(91));
                });

        // and the installation's REST calls wait too
        int sent = github.requests().size();
        assertThatThrownBy(() -> gateway.addLabels(ISSUE, List.of("security")))
                .isInstanceOf(RateLimitedException.class);
        assertThat(github.requests()).hasSize(sent);
    }

    private static MockResponse limited(int code, String header, String value) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader(header, value)
                .body("{\"message\":\"You have exceeded a secondary rate limit\"}")
                .build();
    }
}
