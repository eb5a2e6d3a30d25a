package dev.aisectriage.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.web.WebhookSignature;
import java.io.IOException;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Intake benchmark: starts the real jar ({@code serve}) as a child process on loopback, sends signed
 * {@code issues.opened} deliveries open-loop at a fixed rate (latency counted from the intended send time, so a
 * slow server cannot hide queueing), then counts what was stored and reads the child's resident memory.
 *
 * <pre>
 * ./mvnw -B -q -o package -DskipTests && ./mvnw -B -q -o test-compile
 * java [-Dservice.jvm="-Xmx256m"] -cp target/test-classes:target/ai-security-triage.jar \
 *     dev.aisectriage.bench.IntakeBenchmark [rate] [seconds] [warmupSeconds]
 * </pre>
 */
public final class IntakeBenchmark {

    private static final String SECRET = "benchmark-secret";

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path jar = Path.of("target/ai-security-triage.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: ./mvnw -B -q -o package -DskipTests");
        }
        Path dir = Files.createTempDirectory("intake-bench");
        Path db = dir.resolve("triage.db");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        String jvmOptions = System.getProperty("service.jvm", "").trim();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString(), "serve"));
        System.out.println("service: " + String.join(" ", command));
        String loadBefore = loadAverage();
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PORT", String.valueOf(port));
        pb.environment().put("DATABASE_PATH", db.toString());
        pb.environment().put("WEBHOOK_SECRET", SECRET);
        pb.environment().put("DRY_RUN", "true");
        pb.environment().put("LOG_LEVEL", "info");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("serve.log").toFile());
        Process service = pb.start();
        try {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            String base = "http://127.0.0.1:" + port;
            ServiceUnderLoad.awaitUp(http, base, "/healthz", service, Duration.ofSeconds(60));

            byte[] template = Files.readAllBytes(Path.of("test-fixtures/issues-opened-detailed-security-report.json"));
            // The yardstick: one raw forward pass of the same post, timed here while the service is idle (before the
            // load and again after the drain), as the classifier benchmark times it.
            RawForwardPass forward = RawForwardPass.of(template);
            forward.time(30);
            System.out.printf("warm-up: %d s at %d req/s%n", warmup, rate);
            run(http, base, template, rate, warmup, "warm", service.pid(), null);
            System.out.printf("measure: %d s at %d req/s%n", seconds, rate);
            long[] rss = new long[3];
            Result r = run(http, base, template, rate, seconds, "bench", service.pid(), rss);
            // classification runs below the intake's priority: it must still make progress while the burst lasts
            long doneDuringBurst;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                doneDuringBurst = count(c, "SELECT COUNT(*) FROM jobs WHERE state = 'done'");
            }

            // the queue drains: every job of the run ends (done or dead) while the service keeps running
            long drainStarted = System.nanoTime();
            long open = -1;
            while (System.nanoTime() - drainStarted < TimeUnit.MINUTES.toNanos(20)) {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                    open = count(c, "SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')");
                }
                if (open == 0) {
                    break;
                }
                Thread.sleep(1000);
            }
            double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;
            forward.time(30);
            double forwardMs = forward.p50Ms();
            forward.close();
            long stored;
            long distinct;
            long jobs;
            long done;
            double meanJobMs;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
                stored = count(c, "SELECT COUNT(*) FROM deliveries WHERE delivery_id LIKE 'bench-%'");
                distinct =
                        count(c, "SELECT COUNT(DISTINCT delivery_id) FROM deliveries WHERE delivery_id LIKE 'bench-%'");
                jobs = count(c, "SELECT COUNT(*) FROM jobs WHERE delivery_id LIKE 'bench-%'");
                done = count(c, "SELECT COUNT(*) FROM jobs WHERE delivery_id LIKE 'bench-%' AND state = 'done'");
                try (ResultSet rs = c.createStatement()
                        .executeQuery("SELECT AVG(finished_at - claimed_at) FROM jobs"
                                + " WHERE delivery_id LIKE 'bench-%' AND state = 'done'")) {
                    rs.next();
                    meanJobMs = rs.getDouble(1);
                }
            }
            long[] sorted = r.latenciesNanos();
            Arrays.sort(sorted);
            System.out.println();
            System.out.println("| measure | value |");
            System.out.println("|---|---|");
            System.out.printf("| target rate | %d req/s for %d s (after %d s warm-up) |%n", rate, seconds, warmup);
            System.out.printf(
                    "| sent / answered 202 / other / errors | %d / %d / %d / %d |%n",
                    r.sent(), r.accepted(), r.other(), r.errors());
            System.out.printf("| achieved rate | %.1f req/s |%n", r.sent() / (r.elapsedNanos() / 1e9));
            System.out.printf("| median | %.2f ms |%n", ServiceUnderLoad.percentileMs(sorted, 50));
            System.out.printf("| p90 | %.2f ms |%n", ServiceUnderLoad.percentileMs(sorted, 90));
            System.out.printf("| p99 | %.2f ms |%n", ServiceUnderLoad.percentileMs(sorted, 99));
            System.out.printf("| p99.9 | %.2f ms |%n", ServiceUnderLoad.percentileMs(sorted, 99.9));
            System.out.printf("| max | %.2f ms |%n", sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
            System.out.printf("| stored deliveries (distinct) / jobs | %d (%d) / %d |%n", stored, distinct, jobs);
            System.out.printf(
                    "| queue drained after the last send | %s |%n",
                    open == 0 ? String.format("%.0f s (%d jobs done)", drainSeconds, done) : "NO: " + open + " open");
            System.out.printf(
                    "| jobs done by the end of the %d s (of %d queued with the warm-up's) | %d |%n",
                    seconds, (warmup + seconds) * rate, doneDuringBurst);
            System.out.printf("| mean time of one job (claim to done) | %.1f ms |%n", meanJobMs);
            System.out.printf(
                    "| intake p99 / mean job time | %.3f |%n",
                    ServiceUnderLoad.percentileMs(sorted, 99) / Math.max(meanJobMs, 1e-9));
            System.out.printf(
                    "| one raw forward pass of the post, p50 of %d (service idle, before and after) | %.2f ms |%n",
                    forward.count(), forwardMs);
            System.out.printf(
                    "| intake p99 / one raw forward pass | %.3f |%n",
                    ServiceUnderLoad.percentileMs(sorted, 99) / forwardMs);
            System.out.printf(
                    "| service RSS peak during run / at end | %d MiB / %d MiB |%n", rss[0] / 1024, rss[1] / 1024);
            System.out.printf("| service VmHWM (peak since start) | %d MiB |%n", status(service.pid(), "VmHWM") / 1024);
            System.out.printf("| service threads, peak during run | %d |%n", rss[2]);
            System.out.printf("| load average (1, 5, 15 min) before / after | %s / %s |%n", loadBefore, loadAverage());
            boolean exactlyOnce = stored == r.accepted() && distinct == stored && jobs == stored;
            System.out.println(
                    exactlyOnce ? "every accepted delivery stored exactly once" : "MISMATCH in stored counts");
        } finally {
            service.destroy(); // SIGTERM: graceful shutdown
            service.waitFor(40, TimeUnit.SECONDS);
        }
    }

    record Result(long sent, long accepted, long other, long errors, long elapsedNanos, long[] latenciesNanos) {}

    private static Result run(
            HttpClient http, String base, byte[] template, int rate, int seconds, String prefix, long pid, long[] rss)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        WebhookSignature signer = new WebhookSignature(SECRET);
        int total = rate * seconds;
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        AtomicLong accepted = new AtomicLong();
        AtomicLong other = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        // Bodies are built and signed before the clock starts, so the generator measures the service only.
        List<HttpRequest> requests = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            ObjectNode payload = (ObjectNode) json.readTree(template);
            ObjectNode issue = (ObjectNode) payload.get("issue");
            issue.put("number", 100_000 + i);
            issue.put("id", 5_000_000_000L + i);
            issue.put("title", issue.get("title").asText() + " #" + prefix + i);
            byte[] body = json.writeValueAsBytes(payload);
            requests.add(HttpRequest.newBuilder(URI.create(base + "/webhooks/github"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-GitHub-Event", "issues")
                    .header("X-GitHub-Delivery", prefix + "-" + i)
                    .header(WebhookSignature.HEADER, signer.sign(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build());
        }
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        if (rss != null) {
            sampler.scheduleAtFixedRate(
                    () -> {
                        long kb = status(pid, "VmRSS");
                        rss[0] = Math.max(rss[0], kb);
                        rss[1] = kb;
                        rss[2] = Math.max(rss[2], status(pid, "Threads"));
                    },
                    0,
                    500,
                    TimeUnit.MILLISECONDS);
        }
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        AtomicInteger next = new AtomicInteger();
        ticker.scheduleAtFixedRate(
                () -> {
                    // Catch up on every send that is due, so a late tick cannot lower the rate.
                    long now = System.nanoTime();
                    int i;
                    while ((i = next.get()) < total && start + i * periodNanos <= now) {
                        next.incrementAndGet();
                        long intended = start + i * periodNanos;
                        int index = i;
                        http.sendAsync(requests.get(i), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                                .whenComplete((response, failure) -> {
                                    latencies[index] = System.nanoTime() - intended;
                                    if (failure != null) {
                                        errors.incrementAndGet();
                                    } else if (response.statusCode() == 202) {
                                        accepted.incrementAndGet();
                                    } else {
                                        other.incrementAndGet();
                                    }
                                    done.countDown();
                                });
                    }
                },
                0,
                1,
                TimeUnit.MILLISECONDS);
        boolean finished = done.await(seconds + 60L, TimeUnit.SECONDS);
        long elapsed = System.nanoTime() - start;
        ticker.shutdownNow();
        sampler.shutdownNow();
        if (!finished) {
            System.out.println("WARNING: not every request finished in time");
        }
        long[] measured = Arrays.stream(latencies).filter(l -> l >= 0).toArray();
        return new Result(total, accepted.get(), other.get(), errors.get(), elapsed, measured);
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first three fields of /proc/loadavg, or "unknown" when not on Linux. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** A number field of /proc/PID/status (VmRSS and VmHWM in kB, Threads), or 0 when not on Linux. */
    static long status(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
