package dev.aisectriage.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.web.WebhookSignature;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One and two instances of the real {@code serve} (model loaded, real triage handlers in dry-run) on SQLite and on
 * PostgreSQL, side by side in one run: intake latency under an open-loop load, and threads classified and acted on
 * per second (jobs done over the time from the first delivery to the last job finished).
 *
 * <p>Run: {@code java -cp target/test-classes:target/ai-security-triage.jar dev.aisectriage.bench.ScaleOutBenchmark
 * RATE SECONDS} with {@code TEST_DATABASE_URL} naming a PostgreSQL server (e.g. from {@code .ci/start-postgres}).
 */
public final class ScaleOutBenchmark {

    private static final String SECRET = "benchmark-secret";

    record Setup(String store, int instances) {
        String name() {
            return store + " x" + instances;
        }
    }

    record Outcome(
            Setup setup, long sent, long accepted, double p50, double p99, double max, long done, double perSecond) {}

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String postgres = System.getenv("TEST_DATABASE_URL");
        if (postgres == null) {
            throw new IllegalStateException("set TEST_DATABASE_URL: url=$(.ci/start-postgres /tmp/bench-pg)");
        }
        Path jar = Path.of("target/ai-security-triage.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: ./mvnw -B -q package -DskipTests");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Setup setup : List.of(
                new Setup("sqlite", 1),
                new Setup("sqlite", 2),
                new Setup("postgresql", 1),
                new Setup("postgresql", 2))) {
            outcomes.add(run(setup, jar, postgres, rate, seconds));
        }
        Outcome base = outcomes.get(0);
        System.out.println();
        System.out.printf(
                "| setup | sent / 202 | intake p50 | intake p99 | intake max | jobs done | threads/s | threads/s vs sqlite x1 | p99 vs sqlite x1 |%n");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (Outcome o : outcomes) {
            System.out.printf(
                    "| %s | %d / %d | %.1f ms | %.1f ms | %.1f ms | %d | %.1f | %.2f | %.2f |%n",
                    o.setup().name(),
                    o.sent(),
                    o.accepted(),
                    o.p50(),
                    o.p99(),
                    o.max(),
                    o.done(),
                    o.perSecond(),
                    o.perSecond() / base.perSecond(),
                    o.p99() / base.p99());
        }
    }

    private static Outcome run(Setup setup, Path jar, String postgres, int rate, int seconds) throws Exception {
        System.out.println("== " + setup.name());
        Path dir = Files.createTempDirectory("scale-bench");
        Map<String, String> env = new LinkedHashMap<>();
        String jdbc;
        if (setup.store().equals("sqlite")) {
            Path file = dir.resolve("triage.db");
            env.put("DATABASE_PATH", file.toString());
            jdbc = "jdbc:sqlite:" + file;
        } else {
            String schema = "bench_" + System.nanoTime();
            try (Connection c = DriverManager.getConnection(postgres);
                    Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            jdbc = postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            env.put("DATABASE_URL", jdbc);
        }
        List<Process> services = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        try {
            for (int i = 0; i < setup.instances(); i++) {
                int port;
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                String java =
                        Path.of(System.getProperty("java.home"), "bin", "java").toString();
                ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-jar", jar.toString(), "serve");
                pb.environment().remove("DATABASE_URL");
                pb.environment().putAll(env);
                pb.environment().put("PORT", String.valueOf(port));
                pb.environment().put("WEBHOOK_SECRET", SECRET);
                pb.environment().put("DRY_RUN", "true");
                pb.environment().put("LOG_LEVEL", "warn");
                pb.redirectErrorStream(true);
                pb.redirectOutput(dir.resolve("serve-" + i + ".log").toFile());
                services.add(pb.start());
                bases.add("http://127.0.0.1:" + port);
            }
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            for (int i = 0; i < bases.size(); i++) {
                ServiceUnderLoad.awaitUp(http, bases.get(i), "/readyz", services.get(i), Duration.ofSeconds(120));
            }
            byte[] template = Files.readAllBytes(Path.of("test-fixtures/issues-opened-detailed-security-report.json"));
            load(http, bases, template, rate, 3, "warm");
            awaitDone(jdbc, "warm", 3L * rate);
            long[] latencies = load(http, bases, template, rate, seconds, "bench");
            long total = (long) rate * seconds;
            long[] window = awaitDone(jdbc, "bench", total);
            long accepted = Arrays.stream(latencies).filter(l -> l >= 0).count();
            long[] sorted =
                    Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
            double perSecond = window[0] / ((window[2] - window[1]) / 1000.0);
            Outcome o = new Outcome(
                    setup,
                    total,
                    accepted,
                    ServiceUnderLoad.percentileMs(sorted, 50),
                    ServiceUnderLoad.percentileMs(sorted, 99),
                    sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                    window[0],
                    perSecond);
            System.out.println(o);
            return o;
        } finally {
            for (Process p : services) {
                p.destroy();
            }
            for (Process p : services) {
                p.waitFor(40, TimeUnit.SECONDS);
            }
        }
    }

    /** Sends open-loop at {@code rate} for {@code seconds}, round-robin; latency per request (-1: failed or not 202). */
    private static long[] load(
            HttpClient http, List<String> bases, byte[] template, int rate, int seconds, String prefix)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        WebhookSignature signer = new WebhookSignature(SECRET);
        int total = rate * seconds;
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        List<HttpRequest> requests = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            ObjectNode payload = (ObjectNode) json.readTree(template);
            ObjectNode issue = (ObjectNode) payload.get("issue");
            issue.put("number", 100_000 + i);
            issue.put("id", 5_000_000_000L + i);
            issue.put("title", issue.get("title").asText() + " #" + prefix + i);
            byte[] body = json.writeValueAsBytes(payload);
            requests.add(HttpRequest.newBuilder(URI.create(bases.get(i % bases.size()) + "/webhooks/github"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-GitHub-Event", "issues")
                    .header("X-GitHub-Delivery", prefix + "-" + i)
                    .header(WebhookSignature.HEADER, signer.sign(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build());
        }
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        ticker.scheduleAtFixedRate(
                () -> {
                    long now = System.nanoTime();
                    int i;
                    while ((i = next.get()) < total && start + i * periodNanos <= now) {
                        next.incrementAndGet();
                        long intended = start + i * periodNanos;
                        int index = i;
                        http.sendAsync(requests.get(i), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                                .whenComplete((response, failure) -> {
                                    if (failure == null && response.statusCode() == 202) {
                                        latencies[index] = System.nanoTime() - intended;
                                    } else {
                                        failures.incrementAndGet();
                                    }
                                    done.countDown();
                                });
                    }
                },
                0,
                1,
                TimeUnit.MILLISECONDS);
        done.await(seconds + 60L, TimeUnit.SECONDS);
        ticker.shutdownNow();
        if (failures.get() > 0) {
            System.out.println("WARNING: " + failures.get() + " requests failed or were not answered 202");
        }
        return latencies;
    }

    /** Waits until every job of the prefix is done; returns {jobs done, first received_at, last finished_at}. */
    private static long[] awaitDone(String jdbc, String prefix, long expected) throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        try (Connection c = DriverManager.getConnection(jdbc)) {
            while (System.nanoTime() < end) {
                try (ResultSet rs = c.createStatement()
                        .executeQuery("SELECT COUNT(*), MIN(d.received_at), MAX(j.finished_at) FROM jobs j "
                                + "JOIN deliveries d ON d.delivery_id = j.delivery_id WHERE j.state = 'done' "
                                + "AND j.delivery_id LIKE '" + prefix + "-%'")) {
                    rs.next();
                    if (rs.getLong(1) >= expected) {
                        return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
                    }
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("jobs of " + prefix + " not all done after 5 minutes");
    }
}
