package dev.aisectriage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Webhooks;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at seeded random points while deliveries arrive and jobs talk to a (slow) stand-in GitHub, then a restart
 * on the same SQLite file, again and again: in the end every thread has exactly one bot comment and no delivery
 * GitHub was told was accepted is lost. A delivery whose answer the kill cut off is sent again, as GitHub's
 * redelivery would; some accepted ones are redelivered too.
 */
class CrashLoopTest {

    static final String SECRET = "crash-loop-secret";
    static final long SEED = Long.getLong("crash.seed", 4_242L);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    @Tag("slow")
    @Timeout(300)
    void everyThreadHasExactlyOneCommentWhenTheServiceRestartsGivenTwoKillsAtRandomPoints() throws Exception {
        crashLoop(SEED, Integer.getInteger("crash.kills", 2), 4);
    }

    @Test
    @Tag("reliability-long")
    @Timeout(900)
    void everyThreadHasExactlyOneCommentWhenTheServiceRestartsGivenTwentyKillsAtRandomPoints() throws Exception {
        crashLoop(SEED + 1, Integer.getInteger("crash.long.kills", 20), 5);
    }

    private void crashLoop(long seed, int kills, int threadsPerRound) throws Exception {
        Random random = new Random(seed);
        KeyPair app = LiveEnv.appKey();
        byte[] template = Webhooks.fixture("issues-opened-security-report.json");
        String repo =
                JSON.readTree(template).path("repository").path("full_name").asText();
        Map<String, byte[]> pending = new LinkedHashMap<>(); // delivery id -> body, not yet answered 2xx
        Map<String, byte[]> accepted = new LinkedHashMap<>();
        List<Integer> threads = new ArrayList<>();
        ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
        try (FakeGitHub github = new FakeGitHub(LiveEnv.APP_ID, app.getPublic())) {
            slowDown(github, new Random(seed ^ 0x5EED));
            Map<String, String> env = LiveEnv.of(app, SECRET, github, "JOB_LEASE_SECONDS", "2", "WORKERS", "2");
            for (int round = 0; round <= kills; round++) {
                // new threads this round, and one redelivery of an accepted delivery
                for (int i = 0; i < threadsPerRound; i++) {
                    int number = 1_000 + threads.size();
                    threads.add(number);
                    pending.put("d-" + number, thread(template, number));
                }
                if (!accepted.isEmpty()) {
                    List<String> ids = new ArrayList<>(accepted.keySet());
                    String again = ids.get(random.nextInt(ids.size()));
                    pending.put(again, accepted.get(again));
                }
                try (ServeProcess serve = ServeProcess.start(dir, env)) {
                    boolean last = round == kills;
                    if (!last) {
                        // when: SIGKILL at a random point while deliveries arrive and jobs run
                        killer.schedule(serve::kill, random.nextInt(2_500), TimeUnit.MILLISECONDS);
                    }
                    Webhooks hooks = new Webhooks(serve.port(), SECRET);
                    for (Map.Entry<String, byte[]> d : new ArrayList<>(pending.entrySet())) {
                        try {
                            int status = hooks.send("issues", d.getKey(), d.getValue())
                                    .statusCode();
                            if (status / 100 == 2) {
                                accepted.put(d.getKey(), d.getValue());
                                pending.remove(d.getKey());
                            }
                        } catch (RuntimeException cutOff) {
                            break; // killed: the rest waits for the next process, as GitHub's redelivery would
                        }
                    }
                    if (last) {
                        StoreProbe store = new StoreProbe(dir.resolve("triage.db"));
                        Eventually.await(Duration.ofSeconds(120), store::drained, "every job ended");
                        // then: nothing lost, nothing twice
                        assertThat(pending).as("deliveries never accepted").isEmpty();
                        assertThat(store.deadLetters()).isEmpty();
                        for (int number : threads) {
                            assertThat(github.commentsOf(repo + "#" + number))
                                    .as("comments on #%d", number)
                                    .hasSize(1);
                        }
                        assertThat(store.count("SELECT COUNT(*) FROM deliveries WHERE delivery_id LIKE 'd-%'"))
                                .isEqualTo(threads.size());
                        System.out.printf(
                                "crash loop seed=%d kills=%d threads=%d deliveries accepted=%d jobs run more than"
                                        + " once (resumed after a kill)=%d github requests=%d%n",
                                seed,
                                kills,
                                threads.size(),
                                accepted.size(),
                                store.count("SELECT COUNT(*) FROM jobs WHERE attempts > 1"),
                                github.requests().size());
                    } else {
                        Eventually.await(Duration.ofSeconds(30), () -> !serve.isAlive(), "killed");
                    }
                }
            }
        } finally {
            killer.shutdownNow();
        }
    }

    /** The stand-in GitHub answers after 0 to 150 ms, so that kills land in the middle of jobs. */
    private static void slowDown(FakeGitHub github, Random random) {
        Dispatcher fake = github.server.getDispatcher();
        github.server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                int ms;
                synchronized (random) {
                    ms = random.nextInt(150);
                }
                Thread.sleep(ms);
                return fake.dispatch(request);
            }
        });
    }

    private static byte[] thread(byte[] template, int number) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(template);
        ObjectNode issue = (ObjectNode) payload.get("issue");
        issue.put("number", number);
        issue.put("id", 7_000_000_000L + number);
        issue.put("node_id", "I_crash" + number);
        issue.put("title", issue.get("title").asText() + " (report " + number + ")");
        return JSON.writeValueAsBytes(payload);
    }
}
