package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.store.Threads;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.DashboardPages;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import dev.aisectriage.support.MutableClock;
import dev.aisectriage.support.PlainRenderer;
import dev.aisectriage.support.TestQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code delay_minutes: 10}: the job of a new post waits in the queue for the maintainers' head start (no worker
 * sleeps, a restart keeps it), then reads the thread again and stays silent if a maintainer acted first.
 */
@Timeout(60)
class HeadStartTest {

    private static final String REPO = "example-ml/model-zoo";
    private static final String THREAD = REPO + "#42";
    /** The fixture's issue was opened at 08:00; its delivery is handled a minute later. */
    private static final Instant OPENED = Instant.parse("2026-11-25T08:00:00Z");

    private final MutableClock clock = new MutableClock(OPENED.plus(Duration.ofMinutes(1)));

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    private Bot bot() {
        return Bot.on(github, new PlainRenderer(), clock);
    }

    private static Delivery report() {
        return Fixtures.event("issues-opened-detailed-security-report.json", "d-1");
    }

    @Test
    void theJobWaitsInTheQueueUntilTheHeadStartEndsAndSurvivesARestartGivenDelayMinutes() throws Exception {
        // given a head start of ten minutes
        github.file(REPO, ".github/ai-security-triage.yml", "delay_minutes: 10\n");
        Bot bot = bot();

        // when the new post's job runs
        bot.wiring.queue().enqueue(report());
        bot.runDue();

        // then it is back in the queue, due when the head start ends, its attempt not spent, and GitHub saw no write
        assertThat(bot.wiring.queries().stateOf("d-1")).contains(JobState.QUEUED);
        assertThat(job(bot))
                .containsExactly(0L, OPENED.plus(Duration.ofMinutes(10)).toEpochMilli());
        assertThat(github.writes()).isEmpty();

        // when the service restarts before then, then nothing runs
        Bot restarted = bot();
        clock.advance(Duration.ofMinutes(8));
        restarted.runDue();
        assertThat(restarted.wiring.queries().stateOf("d-1")).contains(JobState.QUEUED);
        assertThat(github.writes()).isEmpty();

        // when the head start is over, then the job runs once, reads the thread again and acts: nobody acted first
        clock.advance(Duration.ofMinutes(2));
        restarted.runDue();
        assertThat(restarted.wiring.queries().stateOf("d-1")).contains(JobState.DONE);
        assertThat(job(restarted).get(0)).isEqualTo(1L);
        assertThat(github.requestLines())
                .contains("GET /repos/" + REPO + "/issues/42/events", "GET /repos/" + REPO + "/issues/42/comments");
        assertThat(github.labelsOf(THREAD)).isNotEmpty();
        assertThat(github.commentsOf(THREAD)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"labeled", "closed", "locked", "commented"})
    void theBotRecordsItsVerdictAndStaysSilentWhenAMaintainerActedFirstGivenAHeadStart(String act) throws Exception {
        // given a head start of ten minutes, and the post's job waiting
        github.file(REPO, ".github/ai-security-triage.yml", "delay_minutes: 10\n");
        Bot bot = bot();
        bot.wiring.queue().enqueue(report());
        bot.runDue();

        // when a maintainer acts on the thread meanwhile
        if (act.equals("commented")) {
            github.existingComment(THREAD, "7001", "maintainer-two", "MEMBER", "Thanks, looking into it privately.");
        } else {
            github.issueEvent(THREAD, act, "maintainer-two");
        }
        clock.advance(Duration.ofMinutes(10));
        bot.runDue();

        // then the verdict is recorded, nothing was written, and the dashboard shows why the bot kept silent
        assertThat(github.writes()).isEmpty();
        Threads.ThreadState state = new Threads(bot.db, bot.db::writeTransaction)
                .find(new ThreadRef.GitHubIssue(48151623L, REPO, 42, null))
                .orElseThrow();
        assertThat(state.flagged()).isTrue();
        assertThat(state.heldBack()).contains("maintainer-two");
        assertThat(DashboardPages.get(bot.db, "/dashboard/threads")).contains("silent: a maintainer acted first");

        // and when the post is edited later, the bot still says nothing
        bot.handle(Fixtures.event(
                "issues-edited-security-report.json",
                "d-2",
                p -> p.with("issue").put("number", 42)));
        assertThat(github.writes()).isEmpty();
    }

    @Test
    void theReportersOwnLabelsAndABotsCommentDoNotCountAsAMaintainerActingGivenAHeadStart() throws Exception {
        // given a head start, and during it the reporter labels the issue and another App comments
        github.file(REPO, ".github/ai-security-triage.yml", "delay_minutes: 10\n")
                .issueEvent(THREAD, "labeled", "reporter-one")
                .existingComment(THREAD, "7002", "stale[bot]", "MEMBER", "This issue has had no activity.");
        Bot bot = bot();
        bot.wiring.queue().enqueue(report());
        bot.runDue();

        // when it is over, then the bot acts as usual
        clock.advance(Duration.ofMinutes(10));
        bot.runDue();
        assertThat(github.labelsOf(THREAD)).isNotEmpty();
        assertThat(github.commentsOf(THREAD)).hasSize(2);
    }

    @Test
    void aPostWithoutAHeadStartCostsNoRereadGivenTheDefaultConfig() throws Exception {
        // given no delay configured, when the post's job runs, then it is done at once without reading events
        Bot bot = bot();
        bot.wiring.queue().enqueue(report());
        bot.runDue();

        assertThat(bot.wiring.queries().stateOf("d-1")).contains(JobState.DONE);
        assertThat(github.requestLines()).noneMatch(l -> l.endsWith("/events"));
    }

    private static List<Long> job(Bot bot) {
        return TestQueue.job(bot.db, "d-1");
    }
}
