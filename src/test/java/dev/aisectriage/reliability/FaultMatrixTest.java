package dev.aisectriage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.service.BackgroundClassifier;
import dev.aisectriage.service.Service;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.TestService;
import dev.aisectriage.support.Webhooks;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault matrix: a stand-in GitHub answers one write of a security report's triage with a fault, and the service
 * (wired as {@code serve} wires it, real model, real SQLite) must end the job acted on exactly once or dead-lettered
 * with its reason, in bounded time; never two comments; no request while rate limited. One case per test.
 */
@Timeout(240)
class FaultMatrixTest {

    static final String SECRET = "fault-secret";
    static final Classifier CLASSIFIER = BackgroundClassifier.load(ClassifierLoader::bundled);
    static final KeyPair APP = LiveEnv.appKey();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    FakeGitHub github;
    Service service;
    String repo;
    String comments;
    String labels;
    final List<Arrival> arrivals = Collections.synchronizedList(new ArrayList<>());

    /** One request as the stand-in GitHub received it, and when. */
    record Arrival(Instant at, String line) {}

    String name;

    @BeforeEach
    void name(TestInfo info) {
        name = info.getTestMethod().map(java.lang.reflect.Method::getName).orElse("?");
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (github != null) {
            github.close();
        }
    }

    @Test
    void oneCommentAndDoneWhenTriagedGiven500OnceOnTheComment() throws Exception {
        start(2);
        github.script("POST " + comments, FakeGitHub.json(500, "{\"message\":\"Server Error\"}"));
        assertThat(deliverAndAwait(Duration.ofSeconds(30))).isEqualTo(JobState.DONE);
        assertThat(github.commentsOf(thread())).hasSize(1);
    }

    @Test
    void labelsAndOneCommentAndDoneWhenTriagedGiven502OnTheLabelsTwice() throws Exception {
        start(2);
        MockResponse bad = FakeGitHub.json(502, "{\"message\":\"Bad Gateway\"}");
        github.script("POST " + labels, bad, bad);
        assertThat(deliverAndAwait(Duration.ofSeconds(30))).isEqualTo(JobState.DONE);
        assertThat(github.labelsOf(thread())).isNotEmpty();
        assertThat(github.commentsOf(thread())).hasSize(1);
    }

    @Test
    void stillOneCommentWhenTriagedGiven502AfterTheCommentWasCreated() throws Exception {
        start(2);
        github.failAfterApplying("POST " + comments, FakeGitHub.json(502, "{\"message\":\"Bad Gateway\"}"));
        assertThat(deliverAndAwait(Duration.ofSeconds(60))).isEqualTo(JobState.DONE);
        assertThat(github.commentsOf(thread())).hasSize(1);
    }

    @Test
    void deadLetteredWithTheReasonAndNoCommentWhenTriagedGivenGitHubDownOnEveryComment() throws Exception {
        start(2);
        MockResponse down = FakeGitHub.json(502, "{\"message\":\"Bad Gateway\"}");
        for (int i = 0; i < 20; i++) {
            github.script("POST " + comments, down);
        }
        assertThat(deliverAndAwait(Duration.ofSeconds(90))).isEqualTo(JobState.DEAD);
        assertThat(service.wiring().queries().deadLetters(1).get(0).lastError()).contains("502");
        assertThat(github.commentsOf(thread())).isEmpty();
    }

    @Test
    void aNewTokenAndOneCommentWhenTriagedGiven401OnceOnTheComment() throws Exception {
        start(2);
        github.script("POST " + comments, FakeGitHub.json(401, "{\"message\":\"Bad credentials\"}"));
        assertThat(deliverAndAwait(Duration.ofSeconds(30))).isEqualTo(JobState.DONE);
        assertThat(github.commentsOf(thread())).hasSize(1);
        assertThat(github.tokensIssued()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void andOneCommentWhenTriagedThenNothingIsSentUntilGiven429WithRetryAfter() throws Exception {
        start(2);
        github.script(
                "POST " + comments,
                new MockResponse.Builder()
                        .code(429)
                        .addHeader("Retry-After", "3")
                        .addHeader("Content-Type", "application/json")
                        .body("{\"message\":\"You have exceeded a secondary rate limit\"}")
                        .build());
        assertThat(deliverAndAwait(Duration.ofSeconds(60))).isEqualTo(JobState.DONE);
        assertThat(github.commentsOf(thread())).hasSize(1);
        assertNothingSentWhileLimited(Duration.ofSeconds(3));
    }

    @Test
    void nothingIsSentBeforeTheResetAndOneCommentWhenTriagedGivenThePrimaryLimitSpent() throws Exception {
        start(2);
        long reset = Instant.now().getEpochSecond() + 3;
        github.script(
                "POST " + comments,
                new MockResponse.Builder()
                        .code(403)
                        .addHeader("x-ratelimit-remaining", "0")
                        .addHeader("x-ratelimit-reset", String.valueOf(reset))
                        .addHeader("Content-Type", "application/json")
                        .body("{\"message\":\"API rate limit exceeded\"}")
                        .build());
        assertThat(deliverAndAwait(Duration.ofSeconds(60))).isEqualTo(JobState.DONE);
        assertThat(github.commentsOf(thread())).hasSize(1);
        Instant limited = arrivalOf("POST " + comments, 0);
        assertThat(arrivals)
                .filteredOn(a -> a.at().isAfter(limited))
                .allMatch(a -> a.at().getEpochSecond() >= reset, "no request before x-ratelimit-reset");
    }

    @Test
    void theJobEndsWithoutRetriesAndNoCommentWhenTriagedGivenTheIssueIsGone() throws Exception {
        start(3);
        MockResponse gone = FakeGitHub.json(404, "{\"message\":\"Not Found\"}");
        github.script("POST " + labels, gone);
        github.script("POST " + comments, gone);
        JobState state = deliverAndAwait(Duration.ofSeconds(30));
        assertThat(state).isIn(JobState.DONE, JobState.DEAD);
        assertThat(github.commentsOf(thread())).isEmpty();
        assertThat(attempts()).isEqualTo(1);
    }

    @Test
    void theJobEndsInBoundedTimeWithoutACommentWhenTriagedGiven410OnTheComment() throws Exception {
        start(2);
        MockResponse gone = FakeGitHub.json(410, "{\"message\":\"Issues are disabled for this repo\"}");
        for (int i = 0; i < 10; i++) {
            github.script("POST " + comments, gone);
        }
        JobState state = deliverAndAwait(Duration.ofSeconds(60));
        assertThat(state).isIn(JobState.DONE, JobState.DEAD);
        assertThat(github.commentsOf(thread())).isEmpty();
        if (state == JobState.DEAD) {
            assertThat(service.wiring().queries().deadLetters(1).get(0).lastError())
                    .contains("410");
        }
    }

    @Test
    void exactlyOneCommentAndDoneWhenTriagedGivenTheDatabaseLockedByAnotherWriterMidJob() throws Exception {
        start(3);
        AtomicBoolean locked = new AtomicBoolean();
        Path db = dir.resolve("triage.db");
        onFirst("POST " + comments, () -> {
            if (locked.compareAndSet(false, true)) {
                Thread holder = new Thread(() -> holdExclusiveLock(db, Duration.ofSeconds(4)));
                holder.start();
                sleep(300); // the lock is held before GitHub answers
            }
        });
        assertThat(deliverAndAwait(Duration.ofSeconds(90))).isEqualTo(JobState.DONE);
        assertThat(locked).isTrue();
        assertThat(github.commentsOf(thread())).hasSize(1);
    }

    @Test
    @Tag("reliability-long")
    void stillOneCommentWhenTriagedGivenTheCommentAnswerSlowerThanTheClientTimeOutButApplied() throws Exception {
        start(3);
        github.failAfterApplying(
                "POST " + comments,
                new MockResponse.Builder()
                        .code(201)
                        .headersDelay(40, TimeUnit.SECONDS)
                        .addHeader("Content-Type", "application/json")
                        .body("{\"id\":1}")
                        .build());
        assertThat(deliverAndAwait(Duration.ofSeconds(180))).isEqualTo(JobState.DONE);
        assertThat(github.commentsOf(thread())).hasSize(1);
    }

    @Test
    void deadLetteredAtOnceWithTheReasonWhenTriagedGiven403NotAccessibleByIntegration() throws Exception {
        start(5);
        MockResponse forbidden = FakeGitHub.json(
                403,
                "{\"message\":\"Resource not accessible by integration\",\"documentation_url\":\"https://docs.github.com\"}");
        for (int i = 0; i < 20; i++) {
            github.script("POST " + comments, forbidden);
            github.script("POST " + labels, forbidden);
        }
        assertThat(deliverAndAwait(Duration.ofSeconds(15))).isEqualTo(JobState.DEAD);
        assertThat(attempts()).isEqualTo(1);
        assertThat(service.wiring().queries().deadLetters(1).get(0).lastError())
                .contains("not accessible by integration");
    }

    @Test
    void theCommentIsStillPostedAndNothingIsRetriedWhenTriagedGiven422OnTheLabels() throws Exception {
        start(5);
        MockResponse invalid = FakeGitHub.json(
                422, "{\"message\":\"Validation Failed\",\"errors\":[{\"code\":\"invalid\",\"field\":\"labels\"}]}");
        for (int i = 0; i < 20; i++) {
            github.script("POST " + labels, invalid);
        }
        JobState state = deliverAndAwait(Duration.ofSeconds(15));
        assertThat(github.commentsOf(thread())).hasSize(1);
        assertThat(attempts()).isEqualTo(1);
        if (state == JobState.DEAD) {
            assertThat(service.wiring().queries().deadLetters(1).get(0).lastError())
                    .contains("422");
        }
    }

    @Test
    @Tag("reliability-long")
    void theJobWaitsForItWithoutSpendingAnAttemptAndSendsNothingWhenTriagedGivenALongRetryAfter() throws Exception {
        start(5);
        github.script(
                "POST " + comments,
                new MockResponse.Builder()
                        .code(429)
                        .addHeader("Retry-After", "120")
                        .addHeader("Content-Type", "application/json")
                        .body("{\"message\":\"You have exceeded a secondary rate limit\"}")
                        .build());
        int status = new Webhooks(service.port(), SECRET)
                .send("issues", "d-fault", Webhooks.fixture("issues-opened-security-report.json"))
                .statusCode();
        assertThat(status).isEqualTo(202);
        Eventually.await(
                Duration.ofSeconds(20),
                () -> arrivals.stream().anyMatch(a -> a.line().equals("POST " + comments)),
                "the comment was tried");
        Instant limited = arrivalOf("POST " + comments, 0);
        sleep(12_000);
        assertThat(arrivals).filteredOn(a -> a.at().isAfter(limited)).isEmpty();
        assertThat(service.wiring().queries().stateOf("d-fault")).contains(JobState.QUEUED);
        StoreProbe store = new StoreProbe(dir.resolve("triage.db"));
        assertThat(store.count("SELECT next_attempt_at FROM jobs WHERE delivery_id = 'd-fault'"))
                .isGreaterThanOrEqualTo(limited.plusSeconds(119).toEpochMilli());
        assertThat(attempts()).isLessThanOrEqualTo(1);
    }

    @Test
    @Tag("reliability-long")
    void theJobWaitsAMinuteAndSendsNothingWhenTriagedGiven429WithoutRetryAfter() throws Exception {
        start(5);
        github.script("POST " + comments, FakeGitHub.json(429, "{\"message\":\"Too Many Requests\"}"));
        int status = new Webhooks(service.port(), SECRET)
                .send("issues", "d-fault", Webhooks.fixture("issues-opened-security-report.json"))
                .statusCode();
        assertThat(status).isEqualTo(202);
        Eventually.await(
                Duration.ofSeconds(20),
                () -> arrivals.stream().anyMatch(a -> a.line().equals("POST " + comments)),
                "the comment was tried");
        Instant limited = arrivalOf("POST " + comments, 0);
        sleep(8_000);
        assertThat(arrivals).filteredOn(a -> a.at().isAfter(limited)).isEmpty();
        assertThat(service.wiring().queries().stateOf("d-fault")).contains(JobState.QUEUED);
        assertThat(new StoreProbe(dir.resolve("triage.db"))
                        .count("SELECT next_attempt_at FROM jobs WHERE delivery_id = 'd-fault'"))
                .isGreaterThanOrEqualTo(limited.plusSeconds(59).toEpochMilli());
    }

    @Test
    void aNewTokenAndOneCommentInOneAttemptWhenADiscussionIsTriagedGivenA401OnGraphQl() throws Exception {
        start(3);
        github.script("POST /graphql", FakeGitHub.json(401, "{\"message\":\"Bad credentials\"}"));
        byte[] discussion = Webhooks.fixture("discussion-created-security-question.json");
        String nodeId =
                JSON.readTree(discussion).path("discussion").path("node_id").asText();
        int status = new Webhooks(service.port(), SECRET)
                .send("discussion", "d-fault", discussion)
                .statusCode();
        assertThat(status).isEqualTo(202);
        Eventually.await(
                Duration.ofSeconds(30),
                () -> service.wiring().queries().stateOf("d-fault").orElseThrow() == JobState.DONE,
                "the discussion's job done");
        assertThat(attempts()).isEqualTo(1);
        assertThat(github.tokensIssued()).isGreaterThanOrEqualTo(2);
        assertThat(github.commentsOf("discussion:" + nodeId)).hasSize(1);
    }

    // ---- harness

    private void start(int maxAttempts) throws Exception {
        github = new FakeGitHub(LiveEnv.APP_ID, APP.getPublic());
        Dispatcher fake = github.server.getDispatcher();
        github.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
                String line = r.getMethod() + " " + r.getUrl().encodedPath();
                arrivals.add(new Arrival(Instant.now(), line));
                Runnable hook = hooks.remove(line);
                if (hook != null) {
                    hook.run();
                }
                return fake.dispatch(r);
            }
        });
        Map<String, String> env = new HashMap<>(LiveEnv.of(APP, SECRET, github));
        env.put("PORT", "0");
        env.put("DATABASE_PATH", dir.resolve("triage.db").toString());
        env.put("JOB_MAX_ATTEMPTS", String.valueOf(maxAttempts));
        AppConfig config = AppConfig.fromEnvironment(env);
        service = TestService.serve(config, CLASSIFIER, MarkdownCommentRenderer.forApi(config.githubApiUrl()));
        byte[] report = Webhooks.fixture("issues-opened-security-report.json");
        var payload = JSON.readTree(report);
        repo = payload.path("repository").path("full_name").asText();
        int number = payload.path("issue").path("number").asInt();
        comments = "/repos/" + repo + "/issues/" + number + "/comments";
        labels = "/repos/" + repo + "/issues/" + number + "/labels";
    }

    private final Map<String, Runnable> hooks = new java.util.concurrent.ConcurrentHashMap<>();

    private void onFirst(String line, Runnable hook) {
        hooks.put(line, hook);
    }

    private String thread() {
        return repo + "#" + comments.split("/")[5];
    }

    private JobState deliverAndAwait(Duration bound) {
        int status = new Webhooks(service.port(), SECRET)
                .send("issues", "d-fault", Webhooks.fixture("issues-opened-security-report.json"))
                .statusCode();
        assertThat(status).isEqualTo(202);
        long t0 = System.nanoTime();
        Eventually.await(
                bound,
                () -> service.wiring()
                        .queries()
                        .stateOf("d-fault")
                        .map(s -> s == JobState.DONE || s == JobState.DEAD)
                        .orElse(false),
                "the job ended (done or dead-lettered) within " + bound);
        System.out.printf(
                "fault case %s: ended %s in %.1f s after %d requests to GitHub%n",
                name,
                service.wiring().queries().stateOf("d-fault").orElseThrow(),
                (System.nanoTime() - t0) / 1e9,
                arrivals.size());
        return service.wiring().queries().stateOf("d-fault").orElseThrow();
    }

    private int attempts() {
        return (int) new StoreProbe(dir.resolve("triage.db"))
                .count("SELECT attempts FROM jobs WHERE delivery_id = 'd-fault'");
    }

    private Instant arrivalOf(String line, int index) {
        return arrivals.stream()
                .filter(a -> a.line().equals(line))
                .skip(index)
                .findFirst()
                .orElseThrow()
                .at();
    }

    /** After the first answer that limited us, nothing reached GitHub for {@code wait}. */
    private void assertNothingSentWhileLimited(Duration wait) {
        Instant limited = arrivalOf("POST " + comments, 0);
        assertThat(arrivals)
                .filteredOn(a -> a.at().isAfter(limited))
                .allMatch(
                        a -> !a.at().isBefore(limited.plus(wait).minusMillis(50)),
                        "no request within " + wait + " of the limit");
    }

    private static void holdExclusiveLock(Path db, Duration howLong) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("BEGIN EXCLUSIVE");
            sleep(howLong.toMillis());
            s.execute("COMMIT");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
