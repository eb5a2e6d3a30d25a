package dev.aisectriage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.Verdict;
import dev.aisectriage.queue.JobQueue;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.support.Fixtures;
import dev.aisectriage.support.TestQueue;
import dev.aisectriage.support.TestStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseMigrationTest {

    @TempDir
    Path dir;

    @Test
    void aSqliteFileWrittenBeforeFlywayOpensAndKeepsItsData() throws Exception {
        // given a file as the service wrote it before Flyway: schema_version 1 and 2, a queued job, a thread
        Path file = dir.resolve("old.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            preFlywayMigrate(c);
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO deliveries (delivery_id, event, action, installation_id, repository, "
                        + "thread_number, semantic_key, outcome, payload, received_at) VALUES ('d-old', 'issues', "
                        + "'opened', 9, 'o/r', 3, 'k1', 'queued', '{\"issue\":{\"number\":3}}', 1000)");
                s.execute("INSERT INTO jobs (delivery_id, state, attempts, next_attempt_at, created_at) "
                        + "VALUES ('d-old', 'queued', 0, 1000, 1000)");
                s.execute("INSERT INTO threads (installation_id, repository, kind, number, comment_id) "
                        + "VALUES (9, 'o/r', 'issue', 3, '777')");
            }
        }

        // when today's service opens it
        Database db = Database.open(file);

        // then the data is there, the old job is claimable under its thread's lease, and its dedupe key still holds
        TestQueue q = TestQueue.on(
                db,
                Clock.systemUTC(),
                new JobQueue.Policy(3, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        SerialWriter writer = q.writer();
        JobQueue queue = q.queue();
        assertThat(queue.claim("w").orElseThrow().delivery().id()).isEqualTo("d-old");
        assertThat(new ThreadLeases(writer::inTransaction, Clock.systemUTC())
                        .tryAcquire("o/r#3", "other", Duration.ofSeconds(5)))
                .isFalse();
        JobQueue longWindow = new JobQueue(
                db,
                writer,
                new Deliveries(db, writer::inTransaction, Clock.systemUTC(), Duration.ofDays(100_000)),
                Clock.systemUTC(),
                new JobQueue.Policy(3, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertThat(longWindow.enqueue(Fixtures.delivery("d-copy", "issues", "opened", 9L, "o/r", 3, "k1", "{}")))
                .isEqualTo(DeliveryOutcome.DUPLICATE);
        assertThat(new Threads(db, db::writeTransaction)
                        .find(new dev.aisectriage.core.ThreadRef.GitHubIssue(9L, "o/r", 3, null))
                        .orElseThrow()
                        .commentId())
                .isEqualTo("777");
        assertThat(versions(db)).containsExactly("2", "3", "4", "5", "6", "7");
        assertThat(q.queries().countByState()).containsEntry(JobState.RUNNING, 1L);
        writer.close();

        // and opening it again applies nothing twice
        Database.open(file);
        assertThat(versions(db)).containsExactly("2", "3", "4", "5", "6", "7");
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aStoreWithHubDiscussionsOfMigration4KeepsThemAsThreadsLikeAnyOther(TestStore store) {
        // given a store at migration 4 with a flagged Hub discussion (its comment, two replies) and a GitHub thread
        String url = storeAtMigration(
                store,
                "4",
                "INSERT INTO hub_discussions (repo_type, repository, num, discussion_id, title, opening_comment_id,"
                        + " opening, pull_request, private_repo, security_probability, primary_theme, verdict, model_version,"
                        + " comment_id, comment_hash, classified_at) VALUES ('dataset', 'datasets/acme/faces', 7, 'd7',"
                        + " 'Pickle', 'c0', 'the pickle runs code', 1, 0, 0.9, 'model', 'flagged', 'm1', 'c9', 'h',"
                        + " '2026-11-01T00:00:00Z')",
                "INSERT INTO hub_discussion_comments VALUES ('dataset', 'datasets/acme/faces', 7, 'c2', 'second', 2)",
                "INSERT INTO hub_discussion_comments VALUES ('dataset', 'datasets/acme/faces', 7, 'c1', 'first', 1)",
                "INSERT INTO threads (installation_id, repository, kind, number, verdict) "
                        + "VALUES (9, 'o/r', 'issue', 3, 'passed')");

        // when today's service opens it
        Database db = openedToday(store, "4", url);

        // then the discussion is a thread like any other, its post kept apart, and the GitHub thread is untouched
        ThreadRef.HubDiscussion hub = new ThreadRef.HubDiscussion("dataset", "acme/faces", 7);
        Threads threads = new Threads(db, db::writeTransaction);
        assertThat(threads.find(hub)).hasValueSatisfying(t -> {
            assertThat(t.verdict()).isEqualTo(Verdict.FLAGGED);
            assertThat(t.primaryTheme()).isEqualTo("MODEL");
            assertThat(t.commentId()).isEqualTo("c9");
        });
        assertThat(threads.replies(hub)).containsExactly("first", "second");
        assertThat(new HubPosts(db, db::writeTransaction).find(hub))
                .contains(new HubPosts.HubPost("Pickle", "c0", "the pickle runs code", true, false));
        assertThat(threads.find(new ThreadRef.GitHubIssue(9L, "o/r", 3, null)))
                .hasValueSatisfying(t -> assertThat(t.verdict()).isEqualTo(Verdict.PASSED));
        db.close();
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void theFeedbackOfAStoreOfMigration5BecomesEachThreadsCorrectionForTheClassifierToRead(TestStore store) {
        // given a store at migration 5 with two signals on one thread (a theme, then "not security"), one on a
        // thread whose text was never stored
        String feedback = "INSERT INTO feedback (delivery_id, installation_id, repository, kind, number, signal,"
                + " is_security, theme, actor, created_at) VALUES ";
        String url = storeAtMigration(
                store,
                "5",
                "INSERT INTO threads (installation_id, repository, kind, number, url, text) VALUES (9, 'o/r', 'issue',"
                        + " 3, 'https://github.com/o/r/issues/3', 'How do I set my API key?')",
                "INSERT INTO threads (installation_id, repository, kind, number) VALUES (9, 'o/r', 'issue', 4)",
                feedback + "('d-1', 9, 'o/r', 'issue', 3, 'theme', 1, 'MODEL', 'max', '2026-11-01T00:00:00Z')",
                feedback + "('d-2', 9, 'o/r', 'issue', 3, 'not_security', 0, NULL, 'ann', '2026-11-02T00:00:00Z')",
                feedback + "('d-3', 9, 'o/r', 'issue', 4, 'not_security', 0, NULL, 'ann', '2026-11-03T00:00:00Z')");

        // when today's service opens it
        Database db = openedToday(store, "5", url);

        // then the thread with a text has its latest word as its correction, not read by any classifier yet
        assertThat(new Corrections(db, db::writeTransaction).all())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.ref()).isEqualTo(new ThreadRef.GitHubIssue(9L, "o/r", 3, null));
                    assertThat(c.text()).isEqualTo("How do I set my API key?");
                    assertThat(c.security()).isFalse();
                    assertThat(c.signal()).isEqualTo("not_security");
                    assertThat(c.actor()).isEqualTo("ann");
                    assertThat(c.reading()).isNull();
                });
        db.close();
    }

    @Test
    void databaseUrlsInEveryFormNameTheSameServer() {
        assertThat(JdbcUrl.parse("postgres://bot:p%40ss@db.internal:5432/triage?sslmode=require"))
                .isEqualTo(new JdbcUrl("jdbc:postgresql://db.internal:5432/triage?sslmode=require", "bot", "p@ss"));
        assertThat(JdbcUrl.parse("postgresql://bot@db/triage"))
                .isEqualTo(new JdbcUrl("jdbc:postgresql://db/triage", "bot", null));
        assertThat(JdbcUrl.parse("jdbc:postgresql://db:5433/triage?user=bot"))
                .isEqualTo(new JdbcUrl("jdbc:postgresql://db:5433/triage?user=bot", null, null));
        assertThat(JdbcUrl.parse("postgres://bot:secret@db/triage").redacted()).doesNotContain("secret");
        assertThatThrownBy(() -> JdbcUrl.parse("mysql://bot:secret@db/triage"))
                .hasMessageContaining("DATABASE_URL")
                .hasMessageNotContaining("secret");
    }

    /** A new store of {@code store}'s kind at migration {@code version} holding the rows {@code inserts}: its URL. */
    private String storeAtMigration(TestStore store, String version, String... inserts) {
        String url = store == TestStore.SQLITE
                ? "jdbc:sqlite:" + dir.resolve("v" + version + ".db")
                : TestStore.freshSchema();
        Migrations.configure(store == TestStore.SQLITE ? Database.Dialect.SQLITE : Database.Dialect.POSTGRESQL)
                .dataSource(url, null, null)
                .target(version)
                .load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url);
                Statement s = c.createStatement()) {
            for (String insert : inserts) {
                s.execute(insert);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        return url;
    }

    /** Today's service opening the store {@link #storeAtMigration} made. */
    private Database openedToday(TestStore store, String version, String url) {
        return store == TestStore.SQLITE
                ? Database.open(dir.resolve("v" + version + ".db"))
                : Database.openPostgres(url, 2);
    }

    /** What Database.migrate did before Flyway: numbered files applied in order, recorded in schema_version. */
    private static void preFlywayMigrate(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            int v = 1;
            for (String name : List.of("V1__intake.sql", "V2__github.sql")) {
                String sql;
                try (InputStream in =
                        DatabaseMigrationTest.class.getClassLoader().getResourceAsStream("db/migration/" + name)) {
                    sql = DialectMigrations.render(
                            new String(in.readAllBytes(), StandardCharsets.UTF_8), Database.Dialect.SQLITE);
                }
                for (String statement : sql.split(";\\s*(\\r?\\n|$)")) {
                    if (!statement.isBlank()) {
                        s.execute(statement);
                    }
                }
                s.execute("INSERT INTO schema_version(version, applied_at) VALUES (" + v++ + ", datetime('now'))");
            }
        }
    }

    private static List<String> versions(Database db) {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (ResultSet rs = c.createStatement()
                    .executeQuery(
                            "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }
}
