package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import dev.aisectriage.support.FakeClassifier;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.PlainRenderer;
import dev.aisectriage.support.TestDatabase;
import dev.aisectriage.support.TestKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(60)
class BackfillCommandTest {

    private static final String ISSUES = """
            [
              {"number": 3, "node_id": "I_3", "html_url": "https://github.com/octo-org/ml-server/issues/3",
               "title": "Checkpoint loader uses pickle", "body": "torch.load without weights_only", "labels": [],
               "user": {"login": "jane", "type": "User"}},
              {"number": 4, "node_id": "PR_4", "html_url": "https://github.com/octo-org/ml-server/pull/4",
               "title": "Fix pickle loading", "body": "", "labels": [], "pull_request": {"url": "x"},
               "user": {"login": "jane", "type": "User"}},
              {"number": 5, "node_id": "I_5", "html_url": "https://github.com/octo-org/ml-server/issues/5",
               "title": "Dark mode", "body": "please", "labels": [], "user": {"login": "max", "type": "User"}}
            ]
            """;

    @TempDir
    Path dir;

    private final FakeClassifier classifier = new FakeClassifier();
    private final List<Duration> waits = new ArrayList<>();

    @Test
    void itWritesAReportAndNothingToGitHubWhenBackfillRunsWithoutApplyGivenOnlyAReadToken() throws Exception {
        try (FakeGitHub github = new FakeGitHub("7", TestKeys.rsa().getPublic())) {
            github.script("GET /repos/octo-org/ml-server/issues", FakeGitHub.json(200, ISSUES));
            Map<String, String> env = Map.of("GITHUB_TOKEN", "ghp_read", "GITHUB_API_URL", github.url());
            Path prefix = dir.resolve("report");

            int exit = run(env, "octo-org/ml-server", "--since", "2026-01-01", "--report", prefix.toString());

            assertThat(exit).isZero();
            assertThat(github.writes()).isEmpty();
            assertThat(github.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer ghp_read"));
            assertThat(Files.readAllLines(Path.of(prefix + ".csv")))
                    .containsExactly(
                            "thread,url,verdict,theme,issue_type,confidence,would_do",
                            "#3,https://github.com/octo-org/ml-server/issues/3,flagged,model,"
                                    + "Unsafe deserialization,0.93,add labels security + ai-security: model;"
                                    + " comment",
                            "#5,https://github.com/octo-org/ml-server/issues/5,passed,,,0.04,nothing");
            assertThat(Files.readString(Path.of(prefix + ".md"), StandardCharsets.UTF_8))
                    .contains("# Backfill of octo-org/ml-server")
                    .contains("Dry run: nothing was written to GitHub. 2 threads; 1 flagged")
                    .contains("| [#3](https://github.com/octo-org/ml-server/issues/3) | flagged | model |"
                            + " Unsafe deserialization | 0.93 | add labels security + ai-security: model;"
                            + " comment |");
        }
    }

    @Test
    void itResumesWithoutRedoingAThreadWhenBackfillRunsAgainGivenARunStoppedHalfWay() throws Exception {
        try (FakeGitHub github = new FakeGitHub("7", TestKeys.rsa().getPublic())) {
            github.script(
                    "GET /repos/octo-org/ml-server/issues", FakeGitHub.json(200, ISSUES), FakeGitHub.json(200, ISSUES));
            Map<String, String> env = Map.of("GITHUB_API_URL", github.url());
            Path prefix = dir.resolve("report");
            // the first run stops after one issue (as if interrupted)
            assertThat(run(env, "octo-org/ml-server", "--limit", "1", "--report", prefix.toString()))
                    .isZero();
            assertThat(classifier.texts).hasSize(1);

            int exit = run(env, "octo-org/ml-server", "--report", prefix.toString());

            assertThat(exit).isZero();
            assertThat(classifier.texts).hasSize(2).last().asString().startsWith("Dark mode");
            assertThat(Files.readAllLines(Path.of(prefix + ".csv")))
                    .extracting(l -> l.substring(0, l.indexOf(',')))
                    .containsExactly("thread", "#3", "#5");
        }
    }

    @Test
    void itActsOnceAndASecondRunResumesFromTheStoreWhenBackfillRunsWithApplyGivenTheApp() throws Exception {
        KeyPair app = TestKeys.rsa();
        Path dbFile = dir.resolve("triage.db");
        Database db = TestDatabase.open(dbFile);
        try (FakeGitHub github = new FakeGitHub("7", app.getPublic())) {
            github.openIssues("octo-org/ml-server", ISSUES);
            Map<String, String> env = Map.of(
                    "APP_ID", "7",
                    "PRIVATE_KEY", TestKeys.pkcs8Pem(app),
                    "GITHUB_API_URL", github.url(),
                    "DATABASE_PATH", dbFile.toString());
            Path prefix = dir.resolve("applied");

            assertThat(run(env, "octo-org/ml-server", "--apply", "--report", prefix.toString()))
                    .isZero();
            int writes = github.writes().size();
            assertThat(run(env, "octo-org/ml-server", "--apply", "--report", prefix.toString()))
                    .isZero();

            assertThat(github.writes()).hasSize(writes);
            assertThat(github.writes())
                    .extracting(FakeGitHub.Request::line)
                    .contains("POST /repos/octo-org/ml-server/issues/3/comments")
                    .noneMatch(l -> l.contains("/issues/5/"));
            assertThat(new Actions(db, db::writeTransaction).recent(20)).noneMatch(Actions.Action::dryRun);
            assertThat(Files.readAllLines(Path.of(prefix + ".csv"))).hasSize(3);
            assertThat(Files.readString(Path.of(prefix + ".md"))).contains("Applied through the App.");
        }
    }

    private int run(Map<String, String> env, String... args) {
        return new CommandLine(new BackfillCommand(
                        env,
                        m -> classifier,
                        PlainRenderer::new,
                        () -> new WriteBudget(java.time.Clock.systemUTC(), waits::add)))
                .setExecutionExceptionHandler(new ErrorHandler(env))
                .execute(args);
    }
}
