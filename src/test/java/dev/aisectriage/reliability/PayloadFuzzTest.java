package dev.aisectriage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.support.Eventually;
import dev.aisectriage.web.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mutation fuzzer ({@link PayloadMutator}) against the real service in dry-run: signed mutants of every
 * recorded payload. No 5xx, no hang (each answer within 30 s), every job ends (done or dead-lettered), and for
 * what a stranger can write (titles, bodies, comments) no job fails and the log has no ERROR and no stack trace.
 *
 * <p>{@code -Dfuzz.seed=N -Dfuzz.count=N} run another seed or more mutants; the default run sends 240, CI's long run
 * 1,000.
 */
class PayloadFuzzTest {

    static final String SECRET = "fuzz-secret";
    static final long SEED = Long.getLong("fuzz.seed", 20_261_129L);

    @TempDir
    Path dir;

    @Test
    @Timeout(600)
    void no5xxNoHangEveryJobEndsAndStrangersTextLogsNoErrorWhenDeliveredGivenSignedMutantsOfTheRecordedPayloads()
            throws Exception {
        fuzz(SEED, Integer.getInteger("fuzz.count", 240));
    }

    @Test
    @Tag("reliability-long")
    @Timeout(1800)
    void theSameHoldsWhenDeliveredGivenFourTimesAsManyMutantsOfAnotherSeed() throws Exception {
        fuzz(SEED + 1, Integer.getInteger("fuzz.long.count", 1_000));
    }

    private void fuzz(long seed, int count) throws Exception {
        PayloadMutator mutator = new PayloadMutator(seed, PayloadMutator.fixtures(Path.of("test-fixtures")));
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        Map<String, Integer> statuses = new TreeMap<>();
        long t0 = System.nanoTime();
        try (ServeProcess serve = ServeProcess.dryRun(dir, SECRET, 1)) {
            StoreProbe store = new StoreProbe(dir.resolve("triage.db"));
            Duration drainBound = Duration.ofSeconds(60 + count / 5);

            // given hostile text where a stranger writes it
            for (int i = 0; i < count / 2; i++) {
                send(http, serve, "fz-" + seed + "-t" + i, mutator.next("text"), statuses);
            }
            // then every job ends, none fails, and nothing was logged as an error
            Eventually.await(drainBound, store::drained, "jobs of the text mutants ended");
            assertThat(store.deadLetters())
                    .as("jobs failed on a stranger's text")
                    .isEmpty();
            List<String> strangerLog = serve.lines();
            assertThat(strangerLog).as("ERROR or stack trace lines").noneMatch(LogLines::isErrorOrTrace);

            // given payloads only a holder of the secret could send: broken structure and broken bytes
            for (int i = 0; i < count - count / 2; i++) {
                String family = i % 2 == 0 ? "structure" : "bytes";
                send(http, serve, "fz-" + seed + "-s" + i, mutator.next(family), statuses);
            }
            // then every job still ends, done or dead-lettered, and the only errors are failed jobs'
            Eventually.await(drainBound, store::drained, "jobs of the structure mutants ended");
            Map<String, Long> jobs = store.jobStates();
            assertThat(jobs.get("done") + jobs.get("dead")).isEqualTo(store.count("SELECT COUNT(*) FROM jobs"));
            List<String> errors =
                    serve.lines().stream().filter(LogLines::isError).toList();
            assertThat(errors).allMatch(l -> l.contains(" - job failed "));
            assertThat(statuses.keySet()).allMatch(s -> s.startsWith("2") || s.startsWith("4"));

            HttpResponse<String> health = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port() + "/healthz"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);

            List<String> summary = new ArrayList<>();
            summary.add(String.format(
                    "fuzz seed=%d mutants=%d answers=%s jobs=%s dead-letters=%d error-lines=%d seconds=%.1f",
                    seed,
                    count,
                    statuses,
                    jobs,
                    store.deadLetters().size(),
                    errors.size(),
                    (System.nanoTime() - t0) / 1e9));
            System.out.println(summary.get(0));
        }
    }

    private static void send(
            HttpClient http, ServeProcess serve, String id, PayloadMutator.Mutant m, Map<String, Integer> statuses)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + serve.port() + "/webhooks/github"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", m.event())
                .header("X-GitHub-Delivery", id)
                .header(WebhookSignature.HEADER, new WebhookSignature(SECRET).sign(m.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.body()))
                .build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        statuses.merge(String.valueOf(status), 1, Integer::sum);
        assertThat(status).as("%s %s: %s", id, m.family(), m.change()).isIn(200, 202, 400, 413);
    }
}
