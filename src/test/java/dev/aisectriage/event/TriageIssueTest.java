package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.CapturedLog;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class TriageIssueTest {

    /** What a new security report costs on a repository without config: token, config twice, labels, comment. */
    private static final List<String> SECURITY_REPORT_REQUESTS = List.of(
            "POST /app/installations/2311213/access_tokens",
            "GET " + Fixtures.REPO + "/contents/.github/ai-security-triage.yml",
            "GET /repos/octo-org/.github/contents/.github/ai-security-triage.yml",
            "POST " + Fixtures.REPO + "/issues/12/labels",
            "GET " + Fixtures.REPO + "/issues/12/comments",
            "POST " + Fixtures.REPO + "/issues/12/comments");

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    @Test
    void givenAGitHubThatClosesEachConnectionAfterAnswering_whenASecurityReportArrives_thenEveryCallGoesOnceUnlogged()
            throws Exception {
        // given a GitHub that closes each connection after its answer (HTTP/1.0 style, or a proxy dropping them)
        github.closeEachConnection();
        Bot bot = Bot.on(github);

        // when a security report is opened
        String log = CapturedLog.during(() -> bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1")));

        // then each call reached GitHub once, on a new connection, the comment included, and nothing was logged
        assertThat(github.requestLines()).containsExactlyElementsOf(SECURITY_REPORT_REQUESTS);
        assertThat(github.commentsOf("octo-org/ml-server#12")).hasSize(1);
        assertThat(log).doesNotContain("WARN").doesNotContain("ERROR").doesNotContain("\tat ");
    }

    @Test
    void aSecurityReportGetsTheFlagAndThemeLabelsAndOneComment() throws Exception {
        // given the bot on a repository without config, when a security report is opened
        Bot bot = Bot.on(github);
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        // then exactly these requests reached GitHub
        assertThat(github.requestLines()).containsExactlyElementsOf(SECURITY_REPORT_REQUESTS);
        List<FakeGitHub.Request> writes = github.writes();
        assertThat(writes.get(0).body()).isEqualTo("{\"labels\":[\"security\",\"ai-security: system-software\"]}");
        assertThat(writes.get(1).json().path("body").asText())
                .startsWith(CommentMarker.MARKER)
                .contains("System & Software");
        assertThat(github.commentsOf("octo-org/ml-server#12")).hasSize(1);
        assertThat(bot.predictions)
                .singleElement()
                .satisfies(p -> assertThat(p.security()).isTrue());
    }

    @Test
    void aPostThatIsNotSecurityGetsNothing() throws Exception {
        Bot.on(github).handle(Fixtures.event("issues-opened-feature-request.json", "d-1"));

        assertThat(github.writes()).isEmpty();
    }

    @Test
    void aBorderlinePostGetsOnlyTheNeedsTriageLabel() throws Exception {
        // given a post the model is unsure about (probability between abstain_from and its threshold)
        Bot.on(github)
                .handle(Fixtures.event(
                        "issues-opened-feature-request.json",
                        "d-1",
                        p -> p.with("issue").put("body", "maybe a problem with tokens?")));

        // then only ai-security: needs-triage is added and no comment is posted
        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line, FakeGitHub.Request::body)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "POST " + Fixtures.REPO + "/issues/13/labels", "{\"labels\":[\"ai-security: needs-triage\"]}"));
    }

    @Test
    void anEditUpdatesTheOneCommentInPlace() throws Exception {
        // given a flagged issue with the bot's comment
        Bot bot = Bot.on(github);
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        String commentId =
                github.commentsOf("octo-org/ml-server#12").keySet().iterator().next();
        int before = github.requests().size();

        // when its body is edited so that the verdict's theme changes
        bot.handle(Fixtures.event("issues-edited-body-changed.json", "d-2"));

        // then the same comment is edited and only the new theme label is added
        List<String> after =
                github.requestLines().subList(before, github.requests().size());
        assertThat(after)
                .containsExactly(
                        "POST " + Fixtures.REPO + "/issues/12/labels",
                        "PATCH " + Fixtures.REPO + "/issues/comments/" + commentId);
        assertThat(github.writes().get(2).body()).isEqualTo("{\"labels\":[\"ai-security: model\"]}");
        assertThat(github.commentsOf("octo-org/ml-server#12")).hasSize(1).containsKey(commentId);
        assertThat(github.commentsOf("octo-org/ml-server#12").get(commentId)).contains("Model");
    }

    @Test
    void anEditThatLeavesTheCommentUnchangedSendsNothing() throws Exception {
        Bot bot = Bot.on(github);
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        int writes = github.writes().size();

        // when the title changes but the verdict does not
        bot.handle(Fixtures.event("issues-edited-body-changed.json", "d-2", p -> {
            p.with("issue")
                    .put(
                            "body",
                            Fixtures.payload("issues-opened-security-report.json")
                                    .path("issue")
                                    .path("body")
                                    .asText());
            p.with("issue").put("title", "Loading a checkpoint runs arbitrary code (torch)");
        }));

        assertThat(github.writes()).hasSize(writes);
    }

    @Test
    void redeliveryAndRestartPostNothingMore() throws Exception {
        // given a handled report
        Bot.on(github).handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        int writes = github.writes().size();

        // when the same delivery is run again by the same bot, and again after a restart on the same database
        Bot same = Bot.on(github);
        same.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        Bot.on(github).handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        // then no label is re-added and no second comment is posted
        assertThat(github.writes()).hasSize(writes);
        assertThat(github.commentsOf("octo-org/ml-server#12")).hasSize(1);
    }

    @Test
    void twoWorkersOnTheSameThreadAtOncePostOneComment() throws Exception {
        // given two deliveries of the same issue queued at once
        Bot bot = Bot.on(github);

        // when two of the service's workers run them, each job under its thread's lease as the claim takes it
        bot.work(
                2,
                Fixtures.event("issues-opened-security-report.json", "d-1"),
                Fixtures.event("issues-opened-security-report.json", "d-2", p -> p.put("action", "edited")));

        // then the thread has one comment and its labels were added once
        assertThat(github.commentsOf("octo-org/ml-server#12")).hasSize(1);
        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line)
                .containsExactly(
                        "POST " + Fixtures.REPO + "/issues/12/labels", "POST " + Fixtures.REPO + "/issues/12/comments");
    }

    @Test
    void aCommentPostedBeforeACrashIsFoundByItsMarkerNotPostedAgain() throws Exception {
        // given GitHub already has the bot's comment but the store never heard of it (crash after the POST)
        github.existingComment(
                "octo-org/ml-server#12",
                "77",
                CommentMarker.MARKER + "\nLooks security-related: System & Software (0.93)");

        // when the job runs
        Bot.on(github).handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        // then the comment is found and, its content being the same, left alone
        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line)
                .containsExactly("POST " + Fixtures.REPO + "/issues/12/labels");
        assertThat(github.commentsOf("octo-org/ml-server#12")).containsOnlyKeys("77");
    }

    @Test
    void aThemeLabelSetByAPersonMeansTheBotAddsNoLabel() throws Exception {
        Bot.on(github).handle(Fixtures.event("issues-opened-theme-label-set-by-reporter.json", "d-1"));

        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line)
                .containsExactly("POST " + Fixtures.REPO + "/issues/12/comments");
    }

    @Test
    void commentFalseInTheRepoConfigGivesLabelsOnly() throws Exception {
        github.file("octo-org/ml-server", ".github/ai-security-triage.yml", "comment: false\n");

        Bot.on(github).handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line)
                .containsExactly("POST " + Fixtures.REPO + "/issues/12/labels");
    }

    @Test
    void theOrganisationsConfigAppliesWhenTheRepositoryHasNone() throws Exception {
        github.file("octo-org/.github", ".github/ai-security-triage.yml", "labels:\n  flag: vulnerability\n");

        Bot.on(github).handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        assertThat(github.writes().get(0).body())
                .isEqualTo("{\"labels\":[\"vulnerability\",\"ai-security: system-software\"]}");
    }

    @Test
    void aBrokenConfigFallsBackToDefaultsAndShowsTheErrorInTheCommentFooter() throws Exception {
        github.file("octo-org/ml-server", ".github/ai-security-triage.yml", "comment: false\ncolour: red\n");

        Bot.on(github).handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line)
                .containsExactly(
                        "POST " + Fixtures.REPO + "/issues/12/labels", "POST " + Fixtures.REPO + "/issues/12/comments");
        assertThat(github.writes().get(1).json().path("body").asText())
                .contains("octo-org/ml-server:.github/ai-security-triage.yml line 2: unknown key 'colour'");
    }

    @Test
    void dryRunSendsNoWriteButRecordsTheIntendedActions() throws Exception {
        Bot bot = Bot.dryRunOn(github, github.storeFolder());

        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        assertThat(github.writes()).isEmpty();
        assertThat(new dev.aisectriage.store.Actions(bot.db, bot.db::writeTransaction).recent(10))
                .extracting(a -> a.action() + " " + a.dryRun())
                .containsExactly("create comment true", "add labels true");
    }

    @Test
    void aDeletedIssueEndsTheJobWithoutRetrying() throws Exception {
        // given the issue was deleted before the job ran
        github.script(
                "POST " + Fixtures.REPO + "/issues/12/labels",
                FakeGitHub.json(410, "{\"message\":\"This issue was deleted\"}"));

        // when the job runs, then it completes (no exception for the queue to retry) after one attempt
        Bot.on(github).handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line)
                .containsExactly("POST " + Fixtures.REPO + "/issues/12/labels");
    }

    @Test
    void aCommentAMaintainerDeletedIsNotPostedAgain() throws Exception {
        // given the bot commented, then a maintainer deleted the comment
        Bot bot = Bot.on(github);
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        String id =
                github.commentsOf("octo-org/ml-server#12").keySet().iterator().next();
        github.script(
                "PATCH " + Fixtures.REPO + "/issues/comments/" + id,
                FakeGitHub.json(404, "{\"message\":\"Not Found\"}"));

        // when the issue is edited twice
        bot.handle(Fixtures.event("issues-edited-body-changed.json", "d-2"));
        bot.handle(Fixtures.event(
                "issues-edited-body-changed.json",
                "d-3",
                p -> p.with("issue").put("title", "Checkpoint loading executes code")));

        // then the edit was tried once and no new comment was created
        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line)
                .filteredOn(l -> l.contains("comments"))
                .containsExactly(
                        "POST " + Fixtures.REPO + "/issues/12/comments",
                        "PATCH " + Fixtures.REPO + "/issues/comments/" + id);
    }

    @Test
    void withoutCredentialsTheBotSendsNothingAtAllAndRecordsWhatItWouldDo() throws Exception {
        Bot bot = Bot.withoutCredentials(github.storeFolder());

        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        assertThat(github.requests()).isEmpty();
        var actions = new dev.aisectriage.store.Actions(bot.db, bot.db::writeTransaction).recent(10);
        assertThat(actions).extracting(a -> a.action()).containsExactly("create comment", "add labels");
        // the whole comment is stored, as it would be posted, not a one-line abbreviation
        assertThat(actions.get(0).detail())
                .isEqualTo("<!-- ai-security-triage:comment -->\nLooks security-related: System & Software (0.93)");
        assertThat(actions.get(1).detail()).isEqualTo("[security, ai-security: system-software]");
    }

    @Test
    void enabledFalseInTheRepoConfigSilencesTheBot() throws Exception {
        github.file("octo-org/ml-server", ".github/ai-security-triage.yml", "enabled: false\n");

        Bot.on(github).handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        assertThat(github.writes()).isEmpty();
    }

    @Test
    void issueTypeLabelsWhenSwitchedOnAreCreatedWithTheirColourOnFirstUse() throws Exception {
        github.file(
                "octo-org/ml-server", ".github/ai-security-triage.yml", "issue_type_labels: true\ncomment: false\n");

        Bot.on(github).handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        Bot.on(github)
                .handle(Fixtures.event(
                        "issues-opened-feature-request.json",
                        "d-2",
                        p -> p.with("issue").put("body", "pickle again")));

        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line, FakeGitHub.Request::body)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "POST " + Fixtures.REPO + "/labels",
                                "{\"color\":\"c5def5\",\"name\":\"ai-security-type: system-software-unsafe-deserialization\","
                                        + "\"description\":\"AI security issue type: Unsafe deserialization\"}"),
                        org.assertj.core.groups.Tuple.tuple(
                                "POST " + Fixtures.REPO + "/issues/12/labels",
                                "{\"labels\":[\"security\",\"ai-security: system-software\","
                                        + "\"ai-security-type: system-software-unsafe-deserialization\"]}"),
                        org.assertj.core.groups.Tuple.tuple(
                                "POST " + Fixtures.REPO + "/issues/13/labels",
                                "{\"labels\":[\"security\",\"ai-security: system-software\","
                                        + "\"ai-security-type: system-software-unsafe-deserialization\"]}"));
    }

    @Test
    void theCommentIsStillPostedAndTheJobFailsWithTheLabelsReasonWhenASecurityReportArrivesGivenA422OnTheLabels() {
        // given GitHub refuses the labels for good
        github.script(
                "POST " + Fixtures.REPO + "/issues/12/labels",
                FakeGitHub.json(422, "{\"message\":\"Validation Failed\"}"));

        // when a security report is opened, then the job fails with the labels' reason
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Bot.on(github).handle(Fixtures.event("issues-opened-security-report.json", "d-1")))
                .isInstanceOfSatisfying(
                        dev.aisectriage.github.GitHubApiException.class,
                        e -> assertThat(e.status()).isEqualTo(422));

        // but the comment was posted all the same
        assertThat(github.commentsOf("octo-org/ml-server#12")).hasSize(1);
    }
}
