package dev.aisectriage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.Verdict;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.service.Service;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Threads;
import dev.aisectriage.support.CliRun;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.FakeClassifier;
import dev.aisectriage.support.TestService;
import dev.aisectriage.support.Webhooks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard as a person sees it, in a real headless Chromium (Debian's, driven by Playwright from
 * {@code src/test/browser/dashboard.mjs}), after replaying every GitHub fixture through the service as {@code serve}
 * runs it in dry-run. One screenshot per page is kept under {@code target/screenshots/}. Without Chromium or the npm
 * packages it is skipped with a message, except under CI, where {@code .ci/run} installs them.
 */
@Timeout(300)
class DashboardBrowserTest {

    private static final Path BROWSER = Path.of("src/test/browser");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    /** The advisory of the fixture {@code repository_advisory-reported-path-traversal-in-bundle-extraction.json}. */
    private static final String ADVISORY = "GHSA-8q4v-2m7x-cf5r";

    private static final String ADVISORY_URL =
            "https://github.com/example-ml/model-zoo/security/advisories/" + ADVISORY;

    @TempDir
    Path dir;

    @Test
    void theySeeWhatTheBotDidRenderedWhenAPersonOpensEachPageGivenTheFixturesReplayed() throws Exception {
        boolean ready = Files.isExecutable(Path.of("/usr/bin/chromium"))
                && Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"));
        if (!"true".equals(System.getenv("CI"))) {
            assumeTrue(
                    ready,
                    "no /usr/bin/chromium or src/test/browser/node_modules: skipped (apt-get install chromium;"
                            + " npm ci --prefix src/test/browser; .ci/run does both)");
        }
        assertThat(ready)
                .as("CI must have chromium and playwright-core (.ci/run installs them)")
                .isTrue();

        AppConfig config = AppConfig.fromEnvironment(
                Map.of("DATABASE_PATH", dir.resolve("triage.db").toString(), "PORT", "0", "JOB_MAX_ATTEMPTS", "1"));
        Database db = Database.open(config.databasePath());
        try (Service service = TestService.serve(
                config, ClassifierLoader.bundled(), MarkdownCommentRenderer.forApi(config.githubApiUrl()))) {
            String base = "http://127.0.0.1:" + service.port();
            // given an older history, longer than one page
            Threads threads = new Threads(db, db::writeTransaction);
            FakeClassifier plain = new FakeClassifier();
            for (int i = 1; i <= 55; i++) {
                threads.recordClassification(
                        new ThreadRef.GitHubIssue(48151623L, "example-ml/history", 1000 + i, null),
                        "https://github.com/example-ml/history/issues/" + (1000 + i),
                        "old issue " + i,
                        plain.classify("old issue " + i),
                        Verdict.PASSED);
            }

            // given every GitHub fixture but the uninstalls, as send-fixture sends them
            List<Path> fixtures;
            try (Stream<Path> files = Files.list(Webhooks.FIXTURES)) {
                fixtures = files.filter(p -> p.toString().endsWith(".json"))
                        .filter(p -> !p.getFileName().toString().startsWith("huggingface"))
                        .filter(p -> !p.getFileName().toString().startsWith("installation-deleted"))
                        .sorted()
                        .toList();
            }
            for (Path fixture : fixtures) {
                send(base, fixture);
            }
            // and a delivery whose job fails (no issue in the payload): a dead letter
            ObjectNode broken = (ObjectNode) new ObjectMapper()
                    .readTree(Webhooks.FIXTURES
                            .resolve("issues-opened-plain-bug.json")
                            .toFile());
            broken.remove("issue");
            Path brokenFile = Files.writeString(dir.resolve("issues-opened-broken.json"), broken.toString());
            send(base, brokenFile);
            drained(service);
            // when a person opens each page
            JsonNode seen = browse(base, SCREENSHOTS);

            // then the overview says dry-run, counts per repository, shows the heatmap and the recent threads
            JsonNode overview = seen.get("overview");
            assertThat(overview.path("status").asInt()).isEqualTo(200);
            assertThat(overview.path("banner").asText()).contains("DRY-RUN");
            assertThat(overview.path("text").asText())
                    .contains("example-ml/model-zoo")
                    .contains("octo-org/ml-server")
                    .contains("Issue types and the solutions recommended")
                    .contains("Flagged threads over time")
                    .doesNotContain("<!--")
                    .doesNotContainPattern("\\d{2}:\\d{2}:\\d{2}\\.\\d");
            assertThat(overview.path("heatCells").asInt()).isPositive();
            assertThat(overview.path("retryButtons").asInt()).isEqualTo(1);
            // themes as the labels read, the comment rendered: bold text, no marker, no Markdown asterisks
            assertThat(texts(overview.path("labels"))).isNotEmpty().allMatch(l -> l.matches("[a-z-]+"));
            assertThat(texts(overview.path("comments")))
                    .isNotEmpty()
                    .allMatch(c -> !c.contains("<!--") && !c.contains("**"));
            assertThat(texts(overview.path("commentHeadings"))).isNotEmpty();
            assertThat(texts(overview.path("threadLinks"))).allMatch(l -> l.startsWith("https://github.com/"));

            // the vulnerability reported privately (repository_advisory.reported, created 2026-11-20, in triage) is
            // classified on the overview, with its theme, issue type, mitigations and a link to its advisory, and
            // listed first among those nobody acknowledged after ADVISORY_REMINDER_DAYS (7); it is on no other page
            JsonNode privately = overview.path("privateReports");
            assertThat(privately.path("reports")).hasSize(1);
            JsonNode report = privately.path("reports").get(0);
            assertThat(report.path("link").asText()).isEqualTo(ADVISORY_URL);
            assertThat(texts(report.path("cells"))).startsWith(ADVISORY, "example-ml/model-zoo", "triage");
            assertThat(report.path("label").asText()).matches("[a-z-]+");
            assertThat(report.path("cells").get(4).asText()).as("issue type").isNotBlank();
            assertThat(report.path("cells").get(5).asText()).as("mitigations").isNotBlank();
            JsonNode waiting = privately.path("waiting");
            assertThat(waiting).hasSize(1);
            assertThat(waiting.get(0).path("link").asText()).isEqualTo(ADVISORY_URL);
            assertThat(waiting.get(0).path("cells").get(2).asInt())
                    .as("days waiting")
                    .isGreaterThanOrEqualTo(7);
            assertThat(waiting.get(0).path("label").asText())
                    .isEqualTo(report.path("label").asText());
            for (String name : List.of("threads", "threads2", "actions")) {
                assertThat(seen.get(name).path("text").asText())
                        .as(name)
                        .doesNotContain(ADVISORY)
                        .doesNotContain("extract_bundle");
            }
            assertThat(overview.path("text").asText()).doesNotContain("extract_bundle");

            // the threads page holds 50 rows and links to the next page, which holds the rest
            JsonNode page1 = seen.get("threads");
            JsonNode page2 = seen.get("threads2");
            assertThat(page1.path("rows").asInt()).isEqualTo(50);
            assertThat(page1.path("next").asText()).isEqualTo("/dashboard/threads?page=2");
            assertThat(page2.path("rows").asInt()).isPositive();
            assertThat(page2.path("next").isNull()).isTrue();
            // a passed post shows no theme
            assertThat(page1.path("text").asText() + page2.path("text").asText())
                    .containsPattern("example-ml/history#\\d+\\tpassed\\t0\\.04\\t\\t");

            // the actions page shows the whole intended comment rendered
            JsonNode actions = seen.get("actions");
            assertThat(actions.path("text").asText())
                    .contains("dry-run (not sent)")
                    .doesNotContain("<!--");
            assertThat(texts(actions.path("comments"))).anyMatch(c -> c.contains("ai-security-triage · model"));

            // pressing Retry puts the dead letter back in the queue (it fails again, once: JOB_MAX_ATTEMPTS=1)
            assertThat(seen.path("retry").path("status").asInt()).isEqualTo(200);
            assertThat(seen.path("retry").path("url").asText()).endsWith("/dashboard#dead-letters");
            for (String name : List.of("overview", "threads", "threads2", "actions")) {
                assertThat(SCREENSHOTS.resolve("dashboard-" + name + ".png")).isNotEmptyFile();
            }

            // when the octo-org installation is deleted, its threads and actions are gone from the pages
            send(base, Webhooks.FIXTURES.resolve("installation-deleted-octo-org.json"));
            drained(service);
            JsonNode after = browse(base, SCREENSHOTS.resolve("after-uninstall"));
            assertThat(after.get("actions").path("text").asText()).doesNotContain("octo-org/ml-server");
            assertThat(after.get("threads").path("text").asText())
                    .doesNotContain("octo-org/ml-server")
                    .contains("example-ml/model-zoo");
        }
    }

    private static void send(String base, Path fixture) {
        CliRun sent = CliRun.of("send-fixture", fixture.toString(), "--url", base + "/webhooks/github");
        assertThat(sent.exit()).as(fixture + ": " + sent.out()).isZero();
    }

    private static void drained(Service service) {
        Eventually.await(
                Duration.ofSeconds(60),
                () -> {
                    var counts = service.wiring().queries().countByState();
                    return counts.get(JobState.QUEUED) == 0 && counts.get(JobState.RUNNING) == 0;
                },
                "queue drained");
    }

    private static JsonNode browse(String base, Path screenshots) throws Exception {
        Files.createDirectories(screenshots);
        Process p = new ProcessBuilder(
                        "node",
                        "dashboard.mjs",
                        base,
                        screenshots.toAbsolutePath().toString())
                .directory(BROWSER.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return new ObjectMapper().readTree(out);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
