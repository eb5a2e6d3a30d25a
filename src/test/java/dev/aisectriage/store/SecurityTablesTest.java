package dev.aisectriage.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.support.TestStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** What the store keeps for security teams (migration 7), on SQLite and on PostgreSQL alike. */
@Timeout(60)
@ParameterizedClass
@EnumSource(TestStore.class)
class SecurityTablesTest {

    private static final Instant T0 = Instant.parse("2026-11-25T09:00:00Z");
    private static final ThreadRef.GitHubIssue ISSUE = new ThreadRef.GitHubIssue(7L, "acme/models", 12, null);

    @Parameter
    TestStore store;

    @TempDir
    Path dir;

    private Database db;
    private SecurityTables tables;

    @BeforeEach
    void open() {
        db = store.open(dir);
        tables = SecurityTables.on(db, db::writeTransaction);
    }

    @AfterEach
    void close() {
        if (db != null) { // null when the store was skipped (no PostgreSQL server)
            db.close();
        }
    }

    @Test
    void aKeptChannelIsStaleOnceAPushChangedItsRepositorysOrItsOwnersPolicyAfterItWasKept() {
        // given two repositories of acme and one of another owner, looked up at T0
        RepositoryChannels channels = tables.channels();
        for (String repo : new String[] {"acme/models", "acme/data", "other/models"}) {
            channels.record(7L, repo, "private reporting", "private reporting is on", T0);
        }

        // when a push changes acme/models' policy after T0, then only its channel kept at T0 is stale
        channels.policyChanged("acme/models", T0.plusSeconds(60));
        assertThat(channels.changedSince("acme/models", T0)).isTrue();
        assertThat(channels.changedSince("acme/models", T0.plusSeconds(120))).isFalse();
        assertThat(channels.changedSince("acme/data", T0)).isFalse();

        // when acme's default policy changes, then every acme repository's is, and no other owner's
        channels.ownerPolicyChanged("ACME", T0.plusSeconds(180));
        assertThat(channels.changedSince("acme/data", T0.plusSeconds(120))).isTrue();
        assertThat(channels.changedSince("other/models", T0)).isFalse();
    }

    @Test
    void theRepositoriesWithoutAPrivateChannelComeFirstWithWhy() {
        // given one repository with a channel and one without
        tables.channels().record(7L, "acme/a", "private reporting", "private reporting is on", T0);
        tables.channels().record(7L, "acme/b", "no private channel", "private reporting is off; no SECURITY.md", T0);

        // then the one without comes first, with its reason
        assertThat(tables.channels().all())
                .extracting(c -> c.repository() + ": " + c.why())
                .containsExactly("acme/b: private reporting is off; no SECURITY.md", "acme/a: private reporting is on");
    }

    @Test
    void aRedeliveredPrivateReportIsClassifiedAgainAndKeepsTheStateFoundSince() {
        // given a report in triage, found acknowledged since
        PrivateReports reports = tables.reports();
        reports.record(report("GHSA-aaaa", 0.9), T0);
        reports.acknowledged("GHSA-aaaa");

        // when its delivery comes again
        reports.record(report("GHSA-aaaa", 0.8), T0.plusSeconds(60));

        // then it is classified anew and stays acknowledged: not waiting any more
        assertThat(reports.recent(5)).singleElement().satisfies(r -> {
            assertThat(r.securityProbability()).isEqualTo(0.8);
            assertThat(r.state()).isEqualTo(PrivateReports.ACKNOWLEDGED);
        });
        assertThat(reports.inTriage()).isEmpty();
    }

    @Test
    void aThreadsAdvisoryIsBegunOnceAndSettledWithItsIdOrItsProblem() {
        // given the advisory of a thread begun twice (a redelivery), with two markers
        ThreadAdvisories advisories = tables.advisories();
        advisories.begin(ISSUE, "marker one", T0);
        advisories.begin(ISSUE, "marker two", T0.plusSeconds(1));

        // then the first stands, pending
        assertThat(advisories.find(ISSUE)).hasValueSatisfying(a -> {
            assertThat(a.state()).isEqualTo(ThreadAdvisories.State.PENDING);
            assertThat(a.marker()).isEqualTo("marker one");
        });

        // when it is opened, then its id and page are kept, and it is listed
        advisories.settle(ISSUE, ThreadAdvisories.State.OPENED, "GHSA-x", "https://example/GHSA-x", null, T0);
        assertThat(advisories.find(ISSUE))
                .hasValueSatisfying(a -> assertThat(a.ghsaId()).isEqualTo("GHSA-x"));
        assertThat(advisories.recent(5)).extracting(a -> a.thread().number()).containsExactly(12);
    }

    @Test
    void aMissingPermissionIsNewOnceAndGoneWhenSolved() {
        PermissionProblems problems = tables.permissions();

        // when the same line is met twice, then it is new the first time only; a new wording is new again
        assertThat(problems.record(7L, "acme/models", "hide a comment", "line 1", T0))
                .isTrue();
        assertThat(problems.record(7L, "acme/models", "hide a comment", "line 1", T0))
                .isFalse();
        assertThat(problems.record(7L, "acme/models", "hide a comment", "line 2", T0))
                .isTrue();
        assertThat(problems.all()).extracting(PermissionProblems.Problem::line).containsExactly("line 2");

        // when the action works, then its line goes
        problems.solved("acme/models", "hide a comment");
        assertThat(problems.all()).isEmpty();
    }

    @Test
    void anUninstallForgetsEverythingKeptForTheInstallationAndNothingOfAnother() {
        // given rows of installation 7 in each table, and a report of installation 8
        tables.channels().record(7L, "acme/models", "no private channel", "none", T0);
        tables.reports().record(report("GHSA-aaaa", 0.9), T0);
        tables.reports()
                .record(
                        new PrivateReports.Report(
                                "GHSA-bbbb", 8L, "beta/x", null, T0, "triage", 0.5, "DATA", "", "", "m"),
                        T0);
        tables.advisories().begin(ISSUE, "marker", T0);
        tables.permissions().record(7L, "acme/models", "hide a comment", "line", T0);

        // when installation 7 is removed
        tables.forgetInstallation(7L);

        // then only installation 8's report remains
        assertThat(tables.channels().all()).isEmpty();
        assertThat(tables.reports().recent(5))
                .extracting(PrivateReports.Report::ghsaId)
                .containsExactly("GHSA-bbbb");
        assertThat(tables.advisories().find(ISSUE)).isEmpty();
        assertThat(tables.permissions().all()).isEmpty();
    }

    @Test
    void aThreadHeldBackForAMaintainerSaysWhatTheyDidAndItsKeptRepliesAreKnown() {
        Threads threads = new Threads(db, db::writeTransaction);

        // when a maintainer acted first, and a reply was kept to classify the thread
        threads.recordHeldBack(ISSUE, "maintainer-two labelled it");
        threads.addReply(ISSUE, "901", "it also reads files");

        // then both are there
        assertThat(threads.find(ISSUE).orElseThrow().heldBack()).isEqualTo("maintainer-two labelled it");
        assertThat(threads.hasReply(ISSUE, "901")).isTrue();
        assertThat(threads.hasReply(ISSUE, "902")).isFalse();
    }

    private static PrivateReports.Report report(String ghsa, double p) {
        return new PrivateReports.Report(
                ghsa,
                7L,
                "acme/models",
                "https://github.com/acme/models/security/advisories/" + ghsa,
                T0,
                "triage",
                p,
                "MODEL",
                "model-prompt-injection",
                "input-validation",
                "m-1");
    }
}
