package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.StoreCopy;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import dev.aisectriage.support.TestStore;
import dev.aisectriage.training.LabelledPost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(30)
class ExportFeedbackCommandTest {

    @TempDir
    Path dir;

    @Test
    void exportsOneLabelledPostPerThreadInTheSharedFormat() throws Exception {
        // given a false positive on issue 12 and a theme set by a maintainer on the discussion
        Path dbFile = dir.resolve("triage.db");
        seedFeedback(dbFile);
        Path out = dir.resolve("feedback.jsonl");

        // when the feedback is exported
        int exit = new CommandLine(new ExportFeedbackCommand())
                .execute("--database", dbFile.toString(), "--output", out.toString());

        // then the shared reader reads both corrected posts with the maintainers' labels
        assertThat(exit).isZero();
        List<LabelledPost> posts = LabelledPost.read(out);
        assertThat(posts).hasSize(2);
        assertThat(posts.get(0).id()).isEqualTo("octo-org/ml-server-12");
        assertThat(posts.get(0).source()).isEqualTo("github_issue");
        assertThat(posts.get(0).isSecurity()).isZero();
        assertThat(posts.get(0).text()).startsWith("Loading a checkpoint runs arbitrary code");
        assertThat(posts.get(0).url()).isEqualTo("https://github.com/octo-org/ml-server/issues/12");
        assertThat(posts.get(1).source()).isEqualTo("github_discussion");
        assertThat(posts.get(1).isSecurity()).isEqualTo(1);
        assertThat(posts.get(1).theme()).isEqualTo(Theme.DATA);
        assertThat(posts.get(1).themes()).containsExactly(Theme.DATA);
        // and each line has every field of the shared format, with the maintainer's signal and confidence
        JsonNode first = new ObjectMapper().readTree(Files.readAllLines(out).get(0));
        assertThat(first.get("solution_codes").isArray()).isTrue();
        assertThat(first.get("issue_codes").isArray()).isTrue();
        assertThat(first.get("label_confidence").asText()).isEqualTo("high");
        assertThat(first.get("feedback").asText()).isEqualTo("false_positive");
    }

    @Test
    void theFeedbackIsReadFromPostgresqlWhenExportingGivenDatabaseUrl() throws Exception {
        // given the feedback in a PostgreSQL store (copied from a SQLite one, as migrate-store does) and DATABASE_URL
        Path sqliteFile = dir.resolve("triage.db");
        seedFeedback(sqliteFile);
        String url = TestStore.freshSchema();
        try (Database sqlite = Database.open(sqliteFile);
                Database postgres = Database.openPostgres(url, 2)) {
            StoreCopy.copy(sqlite, postgres);
        }
        Path fromSqlite = dir.resolve("sqlite.jsonl");
        Path fromPostgres = dir.resolve("postgres.jsonl");
        assertThat(new CommandLine(new ExportFeedbackCommand(Map.of()))
                        .execute("--database", sqliteFile.toString(), "--output", fromSqlite.toString()))
                .isZero();

        // when exporting with DATABASE_URL set (and DATABASE_PATH naming a file that does not exist)
        int exit = new CommandLine(new ExportFeedbackCommand(Map.of(
                        "DATABASE_URL",
                        url,
                        "DATABASE_PATH",
                        dir.resolve("absent.db").toString())))
                .execute("--output", fromPostgres.toString());

        // then the same posts come out of PostgreSQL
        assertThat(exit).isZero();
        assertThat(LabelledPost.read(fromPostgres)).hasSize(2);
        assertThat(Files.readAllLines(fromPostgres)).isEqualTo(Files.readAllLines(fromSqlite));
    }

    @Test
    void theNamedSqliteFileIsExportedWhenDatabaseUrlIsSetTooGivenTheDatabaseOption() throws Exception {
        // given feedback in a SQLite file and a DATABASE_URL that points nowhere
        Path dbFile = dir.resolve("triage.db");
        seedFeedback(dbFile);
        Path out = dir.resolve("feedback.jsonl");

        // when exporting with --database
        int exit = new CommandLine(
                        new ExportFeedbackCommand(Map.of("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")))
                .execute("--database", dbFile.toString(), "--output", out.toString());

        // then the file named on the command line is read
        assertThat(exit).isZero();
        assertThat(LabelledPost.read(out)).hasSize(2);
    }

    @Test
    void itFailsSayingHowToNameOneWhenExportingGivenNoStore() {
        // given no DATABASE_URL and a DATABASE_PATH without a file
        Path absent = dir.resolve("absent.db");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ExportFeedbackCommand(Map.of("DATABASE_PATH", absent.toString())))
                .setExecutionExceptionHandler(new ErrorHandler(Map.of()));
        cli.setErr(new PrintWriter(err, true));

        // when exporting
        int exit = cli.execute("--output", dir.resolve("feedback.jsonl").toString());

        // then it fails as a user's mistake, names the missing file and both ways to name a store, and creates nothing
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains(absent.toString())
                .contains("--database")
                .contains("DATABASE_PATH")
                .contains("DATABASE_URL");
        assertThat(absent).doesNotExist();
    }

    @Test
    void itFailsWithoutThePasswordWhenExportingGivenAnUnreachablePostgresql() {
        // given DATABASE_URL naming a server that does not answer
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ExportFeedbackCommand(
                        Map.of("DATABASE_URL", "postgres://triage:s3cret@127.0.0.1:1/triage")))
                .setExecutionExceptionHandler(new ErrorHandler(Map.of()));
        cli.setErr(new PrintWriter(err, true));

        // when exporting
        int exit = cli.execute("--output", dir.resolve("feedback.jsonl").toString());

        // then it fails as a user's mistake, with one clear line that hides the password
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("DATABASE_URL")
                .contains("127.0.0.1:1")
                .doesNotContain("s3cret");
    }

    private static void seedFeedback(Path dbFile) throws Exception {
        try (FakeGitHub github = new FakeGitHub()) {
            Bot bot = Bot.on(github, dbFile.getParent());
            bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
            bot.handle(Fixtures.event("issues-unlabeled-flag-removed-by-maintainer.json", "d-2"));
            bot.handle(Fixtures.event("discussion-created-security-question.json", "d-3"));
            Delivery command = Fixtures.event("issue_comment-created-slash-command-by-member.json", "d-4", p -> {
                p.remove("issue");
                p.set(
                        "discussion",
                        Fixtures.payload("discussion-created-security-question.json")
                                .get("discussion"));
                p.with("comment").put("body", "/ai-security theme data");
            });
            // the member's comment, moved onto the discussion: a discussion_comment delivery
            bot.handle(Fixtures.delivery(
                    command.id(),
                    "discussion_comment",
                    command.action(),
                    command.installationId(),
                    command.repository(),
                    command.payload()));
        }
    }
}
