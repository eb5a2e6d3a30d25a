package dev.aisectriage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.cli.BackfillMain;
import dev.aisectriage.store.Database;
import dev.aisectriage.support.ChildOutput;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.TestKeys;
import dev.aisectriage.support.TestStore;
import dev.aisectriage.support.TriageServiceMain;
import dev.aisectriage.support.Webhooks;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several processes on one store, GitHub answering slowly: every thread gets one comment and its labels once, no
 * delivery is lost, and the jobs of a process killed with SIGKILL are finished by another once their lease runs out.
 */
@Timeout(240)
class SeveralInstancesTest {

    static final String SECRET = "several-secret";
    static final String REPO = "octo-org/ml-server";
    static final long INSTALLATION = 48151623L;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    final List<Process> children = new ArrayList<>();
    final KeyPair app = TestKeys.rsa();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    @Test
    void twoInstancesOnOnePostgresWithOneKilledMidRunTriageEveryThreadOnce() throws Exception {
        // given two instances on one PostgreSQL, short leases, and a GitHub that takes 20 ms per answer
        String url = TestStore.freshSchema();
        int issues = 300;
        try (FakeGitHub github = new FakeGitHub("7", app.getPublic());
                Database db = Database.openPostgres(url, 2)) {
            github.latency(Duration.ofMillis(20));
            Map<String, String> env = Map.of("DATABASE_URL", url);
            Instance a = start(github, env);
            Instance b = start(github, env);
            Instance[] route = {a, b};

            // when each report is opened on one instance and edited on the other at once, 100 of them are
            // delivered again under new ids, and instance a is killed with SIGKILL while it runs jobs
            ExecutorService senders = Executors.newFixedThreadPool(16);
            AtomicInteger sent = new AtomicInteger();
            List<Future<?>> deliveries = new ArrayList<>();
            for (int i = 1; i <= issues; i++) {
                int n = i;
                int first = n % 2;
                deliveries.add(senders.submit(() -> deliver(route, first, "issues", "open-" + n, opened(n), sent)));
                deliveries.add(senders.submit(() -> deliver(route, 1 - first, "issues", "edit-" + n, edited(n), sent)));
                if (n <= 100) {
                    deliveries.add(
                            senders.submit(() -> deliver(route, n % 2, "issues", "again-" + n, opened(n), sent)));
                }
            }
            Eventually.await(
                    Duration.ofSeconds(60),
                    () -> sent.get() > 250 && running(db, a.pid()) >= 2,
                    "instance a runs jobs mid-run");
            a.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Map<Long, String> abandoned = runningJobs(db, a.pid());
            assertThat(abandoned).as("jobs a held when it died").isNotEmpty();

            // then b finishes a's jobs once their lease (2 s) has run out, before a is back
            Eventually.await(
                    Duration.ofSeconds(60),
                    () -> abandoned.keySet().stream().allMatch(id -> "done".equals(state(db, id))),
                    "a's abandoned jobs done by b");
            for (long id : abandoned.keySet()) {
                assertThat(claimedBy(db, id)).startsWith("pid" + b.pid() + "-");
            }

            // and a restarted a joins in
            route[0] = start(github, env);
            for (Future<?> f : deliveries) {
                f.get(120, TimeUnit.SECONDS);
            }
            senders.shutdown();
            Eventually.await(Duration.ofSeconds(120), () -> unfinished(db) == 0, "every job finished");

            // then no delivery was lost: 700 stored, 600 jobs done, the 100 copies recognised as duplicates
            assertThat(count(db, "SELECT COUNT(*) FROM deliveries")).isEqualTo(700);
            assertThat(count(db, "SELECT COUNT(*) FROM jobs WHERE state = 'done'"))
                    .isEqualTo(600);
            assertThat(count(db, "SELECT COUNT(*) FROM deliveries WHERE outcome = 'duplicate'"))
                    .isEqualTo(100);

            // and every thread has exactly one bot comment and its labels, added once (a thread whose job a held
            // when it died may see its labels sent again: adding a label twice leaves it once on GitHub)
            Set<String> interrupted = Set.copyOf(abandoned.values());
            System.out.println("instance a died holding " + abandoned.size() + " jobs " + abandoned.values()
                    + "; b finished them after their lease");
            Map<String, Integer> labelPosts = labelPosts(github);
            for (int n = 1; n <= issues; n++) {
                String thread = REPO + "#" + n;
                assertThat(github.commentsOf(thread)).as(thread + " comments").hasSize(1);
                assertThat(github.labelsOf(thread))
                        .as(thread + " labels")
                        .containsExactlyInAnyOrder("security", "ai-security: system-software");
                if (!interrupted.contains(thread)) {
                    assertThat(labelPosts.getOrDefault(thread, 0))
                            .as(thread + " label requests")
                            .isEqualTo(1);
                }
            }
        }
    }

    @Test
    void serveAndBackfillOnOneSqliteFileTriageEveryThreadOnce() throws Exception {
        // given serve on a SQLite file and a repository with 100 open security reports
        Path file = dir.resolve("triage.db");
        int issues = 100;
        try (FakeGitHub github = new FakeGitHub("7", app.getPublic())) {
            github.latency(Duration.ofMillis(25));
            ArrayNode open = JSON.createArrayNode();
            for (int n = 1; n <= issues; n++) {
                ObjectNode issue = (ObjectNode) JSON.readTree(opened(n)).path("issue");
                open.add(issue);
            }
            github.openIssues(REPO, open.toString());
            Map<String, String> env = Map.of("DATABASE_PATH", file.toString());
            Instance serve = start(github, env);

            // when the reports are delivered to serve while `backfill --apply` runs on the same file
            BlockingQueue<String> backfillOutput = new LinkedBlockingQueue<>();
            Process backfill = child(
                    BackfillMain.class,
                    github,
                    env,
                    backfillOutput,
                    REPO,
                    "--apply",
                    "--installation",
                    String.valueOf(INSTALLATION),
                    "--report",
                    dir.resolve("backfill").toString());
            ExecutorService senders = Executors.newFixedThreadPool(8);
            AtomicInteger sent = new AtomicInteger();
            List<Future<?>> deliveries = new ArrayList<>();
            Instance[] route = {serve};
            // (newest first, while backfill goes oldest first: they meet in the middle)
            for (int n = issues; n >= 1; n--) {
                int i = n;
                deliveries.add(senders.submit(() -> deliver(route, 0, "issues", "open-" + i, opened(i), sent)));
            }
            for (Future<?> f : deliveries) {
                f.get(60, TimeUnit.SECONDS);
            }
            senders.shutdown();
            assertThat(backfill.waitFor(120, TimeUnit.SECONDS))
                    .as("backfill finished")
                    .isTrue();
            assertThat(backfill.exitValue())
                    .as(String.join("\n", backfillOutput))
                    .isZero();
            int byBackfill = backfillOutput.stream()
                    .filter(l -> l.contains(": classified "))
                    .map(l -> Integer.parseInt(l.replaceAll(".*: classified (\\d+) .*", "$1")))
                    .findFirst()
                    .orElseThrow();
            Database db = Database.open(file);
            Eventually.await(Duration.ofSeconds(60), () -> unfinished(db) == 0, "every job finished");

            // then every thread has exactly one bot comment and its labels were sent once
            Map<String, Integer> labelPosts = labelPosts(github);
            for (int n = 1; n <= issues; n++) {
                String thread = REPO + "#" + n;
                assertThat(github.commentsOf(thread)).as(thread + " comments").hasSize(1);
                assertThat(labelPosts.getOrDefault(thread, 0))
                        .as(thread + " label requests")
                        .isEqualTo(1);
            }
            assertThat(count(db, "SELECT COUNT(*) FROM jobs WHERE state = 'done'"))
                    .isEqualTo(issues);
            System.out.println("backfill classified " + byBackfill + " of " + issues + " threads; serve the rest");
        }
    }

    /** Sends one delivery, to the other instance when one does not answer (GitHub redelivers; a balancer reroutes). */
    private static Void deliver(Instance[] route, int first, String event, String id, byte[] body, AtomicInteger sent)
            throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            Instance to = route[(first + attempt) % route.length];
            try {
                int status =
                        new Webhooks(to.port(), SECRET).send(event, id, body).statusCode();
                if (status < 300) {
                    sent.incrementAndGet();
                    return null;
                }
            } catch (RuntimeException e) {
                // the instance is down: try the other
            }
            Thread.sleep(50);
        }
        throw new AssertionError("delivery " + id + " never accepted");
    }

    static byte[] opened(int n) {
        return payload(n, "opened", "2026-11-25T08:00:00Z", "torch.load on an uploaded checkpoint runs a pickle");
    }

    static byte[] edited(int n) {
        return payload(
                n, "edited", "2026-11-25T08:05:00Z", "torch.load on an uploaded checkpoint runs a pickle (edited)");
    }

    private static byte[] payload(int n, String action, String updatedAt, String body) {
        try {
            ObjectNode p = (ObjectNode) JSON.readTree(Webhooks.fixture("issues-opened-security-report.json"));
            p.put("action", action);
            ObjectNode repository = (ObjectNode) p.path("repository");
            repository.put("full_name", REPO).put("name", "ml-server").put("private", false);
            ObjectNode issue = (ObjectNode) p.path("issue");
            issue.put("number", n)
                    .put("node_id", "I_" + n)
                    .put("html_url", "https://github.com/" + REPO + "/issues/" + n)
                    .put("title", "Checkpoint loader uses pickle (" + n + ")")
                    .put("body", body)
                    .put("updated_at", updatedAt);
            return JSON.writeValueAsBytes(p);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    record Instance(Process process, int port) {
        long pid() {
            return process.pid();
        }
    }

    private Instance start(FakeGitHub github, Map<String, String> env) throws Exception {
        BlockingQueue<String> out = new LinkedBlockingQueue<>();
        Process p = child(TriageServiceMain.class, github, env, out);
        String port = ChildOutput.awaitLine(out, "PORT ").substring(5).trim();
        return new Instance(p, Integer.parseInt(port));
    }

    private Process child(
            Class<?> main, FakeGitHub github, Map<String, String> env, BlockingQueue<String> out, String... args)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx192m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> e = pb.environment();
        e.remove("DATABASE_URL");
        e.remove("DATABASE_PATH");
        e.putAll(env);
        e.put("PORT", "0");
        e.put("WEBHOOK_SECRET", SECRET);
        e.put("APP_ID", "7");
        e.put("PRIVATE_KEY", TestKeys.pkcs8Pem(app));
        e.put("GITHUB_API_URL", github.url());
        e.put("DRY_RUN", "false");
        e.put("WORKERS", "4");
        e.put("JOB_LEASE_SECONDS", "2");
        e.put("LOG_LEVEL", "warn");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        children.add(p);
        ChildOutput.follow(p, line -> {
            out.add(line);
            if (line.contains("ERROR") || line.contains("Exception")) {
                System.err.println("[" + main.getSimpleName() + " " + p.pid() + "] " + line);
            }
        });
        return p;
    }

    private static Map<String, Integer> labelPosts(FakeGitHub github) {
        Map<String, Integer> posts = new HashMap<>();
        for (FakeGitHub.Request r : github.requests()) {
            if (r.method().equals("POST") && r.path().matches("/repos/" + REPO + "/issues/\\d+/labels")) {
                String n = r.path().replaceAll(".*/issues/(\\d+)/labels", "$1");
                posts.merge(REPO + "#" + n, 1, Integer::sum);
            }
        }
        return posts;
    }

    private static long running(Database db, long pid) {
        return count(db, "SELECT COUNT(*) FROM jobs WHERE state = 'running' AND claimed_by LIKE 'pid" + pid + "-%'");
    }

    /** Job id to thread key of the jobs the process held. */
    private static Map<Long, String> runningJobs(Database db, long pid) {
        return db.inTransaction(c -> {
            Map<Long, String> out = new TreeMap<>();
            try (ResultSet rs = c.createStatement()
                    .executeQuery("SELECT id, thread_key FROM jobs WHERE state = 'running' AND claimed_by LIKE 'pid"
                            + pid + "-%'")) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    private static String state(Database db, long id) {
        return text(db, "SELECT state FROM jobs WHERE id = " + id);
    }

    private static String claimedBy(Database db, long id) {
        return text(db, "SELECT claimed_by FROM jobs WHERE id = " + id);
    }

    private static long unfinished(Database db) {
        return count(db, "SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')");
    }

    private static String text(Database db, String sql) {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    private static long count(Database db, String sql) {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
