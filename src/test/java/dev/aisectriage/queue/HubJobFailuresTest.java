package dev.aisectriage.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.huggingface.ApiHubGateway;
import dev.aisectriage.store.Actions;
import dev.aisectriage.support.CapturedLog;
import dev.aisectriage.support.FakeHub;
import dev.aisectriage.support.Fixtures;
import dev.aisectriage.support.QueueOnStore;
import dev.aisectriage.support.TestQueue;
import dev.aisectriage.support.TestStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * How the queue routes a Hub job's failure, with a real {@link ApiHubGateway} against a stand-in Hub: a refused
 * token is dead-lettered at once, a 429 waits for its {@code Retry-After} without spending an attempt.
 */
@Timeout(60)
@ParameterizedClass
@EnumSource(TestStore.class)
class HubJobFailuresTest {

    private static final String COMMENT = "POST /api/models/example-ml/tiny-classifier/discussions/7/comment";
    private static final ThreadRef.HubDiscussion DISCUSSION =
            new ThreadRef.HubDiscussion("model", "example-ml/tiny-classifier", 7);

    @Parameter
    TestStore store;

    @RegisterExtension
    final QueueOnStore q = new QueueOnStore(() -> store, Clock.systemUTC(), TestQueue.QUICK);

    @RegisterExtension
    final FakeHub hub = new FakeHub();

    @Test
    void itIsDeadLetteredAtOnceWithOneLogLineNamingTheTokenWhenTheJobRunsGivenTheHubRefusesTheToken() {
        // given a Hub that answers the comment with 401
        hub.script(COMMENT, FakeHub.json(401, "{\"error\":\"Invalid credentials in Authorization header\"}"));
        q.queue().enqueue(hubDelivery("hf-401"));

        // when the workers run the job
        String log = CapturedLog.during(() -> runUntilSettled("hf-401"));

        // then it ran once, is dead with a reason that names the token, and left one log line without a stack trace
        assertThat(hub.requests()).extracting(FakeHub.Request::line).containsExactly(COMMENT);
        assertThat(q.queries().stateOf("hf-401")).contains(JobState.DEAD);
        DeadLetter dead = q.queries().deadLetters(1).get(0);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.lastError()).contains("401").contains("HF_TOKEN");
        assertOneLineWithoutStackTrace(log, "hf-401");
    }

    @Test
    void itIsDeadLetteredAtOnceWithOneLogLineWhenTheJobRunsGivenTheHubForbidsTheWrite() {
        // given a Hub that answers the comment with 403 (a token without the discussion permission)
        hub.script(COMMENT, FakeHub.json(403, "{\"error\":\"You don't have the rights to write discussions\"}"));
        q.queue().enqueue(hubDelivery("hf-403"));

        // when the workers run the job
        String log = CapturedLog.during(() -> runUntilSettled("hf-403"));

        // then it ran once and its dead letter says why
        assertThat(hub.requests()).extracting(FakeHub.Request::line).containsExactly(COMMENT);
        assertThat(q.queries().stateOf("hf-403")).contains(JobState.DEAD);
        DeadLetter dead = q.queries().deadLetters(1).get(0);
        assertThat(dead.attempts()).isEqualTo(1);
        assertThat(dead.lastError()).contains("403").contains("rights to write discussions");
        assertOneLineWithoutStackTrace(log, "hf-403");
    }

    @Test
    void itWaitsThatLongWithoutSpendingAnAttemptWhenTheJobRunsGivenA429WithRetryAfterInSeconds() {
        // given a Hub that asks to wait two minutes
        hub.script(
                COMMENT, FakeHub.rateLimited().addHeader("Retry-After", "120").build());
        q.queue().enqueue(hubDelivery("hf-429"));

        // when the workers run the job
        long before = System.currentTimeMillis();
        runUntilSettled("hf-429");
        long after = System.currentTimeMillis();

        // then it is queued again for the moment the limit lifts, its attempt not counted, and was not retried
        assertThat(hub.requests()).extracting(FakeHub.Request::line).containsExactly(COMMENT);
        assertThat(q.queries().stateOf("hf-429")).contains(JobState.QUEUED);
        List<Long> job = q.job("hf-429");
        assertThat(job.get(0)).as("attempts").isZero();
        assertThat(job.get(1)).as("next attempt").isBetween(before + 120_000, after + 120_000);
    }

    @Test
    void theWaitIsCountedFromTheHubsOwnClockWhenTheJobRunsGivenA429WithRetryAfterAsAnHttpDate() {
        // given a Hub whose clock is a day ahead of ours and that asks to wait until five minutes after its now
        Instant hubNow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        hub.script(COMMENT, FakeHub.rateLimitedUntil(hubNow, Duration.ofSeconds(300)));
        q.queue().enqueue(hubDelivery("hf-429-date"));

        // when the workers run the job
        long before = System.currentTimeMillis();
        runUntilSettled("hf-429-date");
        long after = System.currentTimeMillis();

        // then it waits five minutes on our clock, not a day and five minutes
        assertThat(q.queries().stateOf("hf-429-date")).contains(JobState.QUEUED);
        List<Long> job = q.job("hf-429-date");
        assertThat(job.get(0)).as("attempts").isZero();
        assertThat(job.get(1)).as("next attempt").isBetween(before + 299_000, after + 301_000);
    }

    private void runUntilSettled(String deliveryId) {
        ApiHubGateway gateway = new ApiHubGateway(
                hub.url(), FakeHub.TOKEN, new Actions(q.db(), q.db()::writeTransaction)::record, Clock.systemUTC());
        EventRoutes routes = new EventRoutes()
                .on("huggingface.discussion.create", (e, lease) -> gateway.createComment(DISCUSSION, "a comment"));
        try (JobQueueWorkers workers = q.workers(routes, 1, (j, s, t) -> {})) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> !hub.requests().isEmpty()
                            && q.queries().stateOf(deliveryId).orElseThrow() != JobState.RUNNING);
        }
    }

    private static Delivery hubDelivery(String id) {
        String payload = "{\"event\":{\"action\":\"create\",\"scope\":\"discussion\"},"
                + "\"repo\":{\"type\":\"model\",\"name\":\"example-ml/tiny-classifier\"},"
                + "\"discussion\":{\"num\":7}}";
        return Fixtures.delivery(
                id, "huggingface.discussion", "create", null, "models/example-ml/tiny-classifier", 7, null, payload);
    }

    /** The job's one line, and no stack trace after it (other threads' lines may come in between). */
    private static void assertOneLineWithoutStackTrace(String log, String deliveryId) {
        List<String> lines = log.lines().toList();
        List<String> ours = lines.stream().filter(l -> l.contains(deliveryId)).toList();
        assertThat(ours).singleElement().satisfies(l -> assertThat(l).containsAnyOf("WARN", "ERROR"));
        List<String> after = lines.subList(lines.indexOf(ours.get(0)) + 1, lines.size());
        assertThat(after).noneMatch(l -> l.startsWith("\tat ") || l.matches("^[\\w.$]+(Exception|Error)(: .*)?$"));
    }
}
