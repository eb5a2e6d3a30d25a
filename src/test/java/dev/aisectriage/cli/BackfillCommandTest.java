package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import dev.aisectriage.support.FakeClassifier;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.PlainRenderer;
import dev.aisectriage.support.TestDatabase;
import dev.aisectriage.support.TestKeys;
import java.nio.file.Path;
import java.security.KeyPair;
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

    @Test
    void dryRunClassifiesOpenIssuesWritesNothingAndRecordsWhatItWouldDo() throws Exception {
        // given a repository with two open issues and a pull request
        KeyPair app = TestKeys.rsa();
        Path dbFile = dir.resolve("triage.db");
        Database db = TestDatabase.open(dbFile);
        try (FakeGitHub github = new FakeGitHub("7", app.getPublic())) {
            github.openIssues("octo-org/ml-server", ISSUES);
            FakeClassifier classifier = new FakeClassifier();
            Map<String, String> env = Map.of(
                    "APP_ID",
                    "7",
                    "PRIVATE_KEY",
                    TestKeys.pkcs8Pem(app),
                    "GITHUB_API_URL",
                    github.url(),
                    "DATABASE_PATH",
                    dbFile.toString());

            // when backfill runs without --apply, twice
            int first = new CommandLine(new BackfillCommand(env, m -> classifier, PlainRenderer::new))
                    .execute("octo-org/ml-server");
            int second = new CommandLine(new BackfillCommand(env, m -> classifier, PlainRenderer::new))
                    .execute("octo-org/ml-server");

            // then both issues (not the pull request) were classified once, and nothing was written
            assertThat(first).isZero();
            assertThat(second).isZero();
            assertThat(classifier.texts).hasSize(2);
            assertThat(github.writes()).isEmpty();
            assertThat(github.requestLines()).contains("GET /repos/octo-org/ml-server/installation");
            assertThat(new Actions(db).recent(10))
                    .allMatch(Actions.Action::dryRun)
                    .extracting(a -> a.number() + " " + a.action())
                    .containsExactly("3 create comment", "3 add labels");
        }
    }
}
