package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.github.GitHubApiException;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.DashboardPages;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code disclosure: contain} on the stand-in GitHub: a leaked report gets one private draft advisory and a public
 * comment that says only that the maintainers were notified; later comments repeating its exploit are hidden.
 */
@Timeout(60)
class ContainLeakTest {

    private static final String REPO = "example-ml/model-zoo";
    private static final String THREAD = REPO + "#42";
    private static final String ADVISORIES = "/repos/" + REPO + "/security-advisories";
    private static final String CONFIG = ".github/ai-security-triage.yml";
    /** A comment by someone else that repeats the report's payload. */
    private static final String REPEAT =
            "Same here: a pickle whose `__reduce__` returns `(os.system, ('id > /tmp/pwned',))`"
                    + " runs as soon as I load it.";

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    private Bot bot() {
        return Bot.on(github, github.storeFolder(), MarkdownCommentRenderer.withDefaults());
    }

    private static Delivery report(String id) {
        return Fixtures.event("issues-opened-detailed-security-report.json", id);
    }

    private static Delivery comment(String id, String nodeId, String association, String body) {
        return Fixtures.event("issue_comment-created-follow-up.json", id, p -> {
            p.with("issue").put("number", 42);
            p.with("comment")
                    .put("id", 2500000000L + nodeId.hashCode() % 1000)
                    .put("node_id", nodeId)
                    .put("author_association", association)
                    .put("body", body)
                    .with("user")
                    .put("login", "curious-user");
        });
    }

    private FakeGitHub contained() {
        return github.file(REPO, CONFIG, "disclosure: contain\n");
    }

    /** A bot that contained the leaked report (delivery d-1). */
    private Bot reported() throws Exception {
        contained();
        Bot bot = bot();
        bot.handle(report("d-1"));
        return bot;
    }

    @Test
    void theMaintainersGetOneDraftAndTheRepeatIsHiddenAcrossRedeliveriesAndARestartWhenContainIsOnGivenALeakedReport()
            throws Exception {
        // given containment is on
        contained();
        Bot bot = bot();

        // when the leaked report arrives, then one draft carries it, and the comment says only that
        bot.handle(report("d-1"));
        assertThat(github.advisoriesOf(REPO)).singleElement().satisfies(a -> {
            assertThat(a.path("summary").asText()).startsWith("Arbitrary code execution when loading a checkpoint");
            assertThat(a.path("description").asText())
                    .contains("https://github.com/" + REPO + "/issues/42")
                    .contains("`__reduce__` returning")
                    .endsWith("\n\nOpened by ai-security-triage for " + REPO + " issue #42.");
        });
        String comment = github.commentsOf(THREAD).values().iterator().next();
        assertThat(comment)
                .contains("**The maintainers have been notified privately.**")
                .doesNotContain("To the maintainers")
                .doesNotContain("security/advisories")
                .doesNotContain("__reduce__");
        assertThat(github.requestLines()).noneMatch(l -> l.contains("private-vulnerability-reporting"));

        // when a later comment repeats the exploit, then it is hidden, and a harmless one is not
        bot.handle(comment("d-2", "IC_repeat", "NONE", REPEAT));
        bot.handle(comment("d-3", "IC_thanks", "NONE", "Thanks, I can reproduce it on 2.3.1 too."));
        assertThat(github.hiddenComments()).containsExactly("IC_repeat");

        // when the report is redelivered, and the service restarts on the same store and gets it again
        bot.handle(report("d-1"));
        Bot restarted = bot();
        restarted.handle(report("d-1"));
        restarted.handle(Fixtures.event(
                "issues-edited-security-report.json",
                "d-4",
                p -> p.with("issue").put("number", 42)));

        // then there is still one draft, and one comment, never edited
        assertThat(github.advisoriesOf(REPO)).hasSize(1);
        assertThat(github.requestLines())
                .filteredOn(("POST " + ADVISORIES)::equals)
                .hasSize(1);
        assertThat(github.commentsOf(THREAD)).hasSize(1);
        assertThat(github.requestLines()).noneMatch(l -> l.startsWith("PATCH"));
        // and the dashboard lists the contained thread with its draft
        assertThat(DashboardPages.get(restarted.db, "/dashboard"))
                .contains("Contained leaks")
                .contains(github.advisoriesOf(REPO).get(0).path("ghsa_id").asText());
    }

    @Test
    void theDraftIsFoundByItsMarkerInsteadOfOpenedTwiceWhenGitHubsAnswerFailedAfterCreatingIt() throws Exception {
        // given GitHub creates the draft but its answer fails
        contained().failAfterApplying("POST " + ADVISORIES, FakeGitHub.json(502, "{\"message\":\"Server Error\"}"));
        Bot bot = bot();

        // when the report arrives, then the job fails for a later try, after one POST
        assertThatThrownBy(() -> bot.handle(report("d-1")))
                .isInstanceOfSatisfying(
                        GitHubApiException.class, e -> assertThat(e.isFinal()).isFalse());

        // when the job runs again, then the draft is found by its marker, not opened again, and the comment says so
        bot.handle(report("d-1"));
        assertThat(github.requestLines())
                .filteredOn(("POST " + ADVISORIES)::equals)
                .hasSize(1);
        assertThat(github.requestLines())
                .filteredOn(("GET " + ADVISORIES)::equals)
                .hasSize(1);
        assertThat(github.advisoriesOf(REPO)).hasSize(1);
        assertThat(github.commentsOf(THREAD).values().iterator().next())
                .contains("The maintainers have been notified privately");
    }

    @Test
    void aMissingPermissionIsOneDashboardLineAndTheCommentPointsToTheChannelWhenTheDraftIsRefusedGivenContain()
            throws Exception {
        // given the App lacks "Repository security advisories: write", and private reporting is on
        contained()
                .privateReporting(REPO, true)
                .script(
                        "POST " + ADVISORIES,
                        FakeGitHub.json(403, "{\"message\":\"Resource not accessible by integration\"}"));
        Bot bot = bot();

        // when the report arrives twice
        bot.handle(report("d-1"));
        bot.handle(report("d-1"));

        // then the draft was asked for once, never again, and the comment points to the form instead
        assertThat(github.requestLines())
                .filteredOn(("POST " + ADVISORIES)::equals)
                .hasSize(1);
        assertThat(github.commentsOf(THREAD).values().iterator().next())
                .contains("which is on for this repository")
                .doesNotContain("notified privately");
        // and the dashboard says in one line what is missing
        assertThat(DashboardPages.get(bot.db, "/dashboard"))
                .containsOnlyOnce("could not open a draft security advisory: the App lacks the \"Repository"
                        + " security advisories: write\" permission");
    }

    @Test
    void aMissingPermissionToHideIsOneDashboardLineAndNoRetryWhenARepeatArrivesGivenAContainedThread()
            throws Exception {
        // given a contained report, and an App that may not hide comments
        Bot bot = reported();
        github.script(
                "POST /graphql",
                FakeGitHub.json(
                        200,
                        "{\"data\":{\"minimizeComment\":null},\"errors\":[{\"type\":\"FORBIDDEN\","
                                + "\"message\":\"Resource not accessible by integration\"}]}"));

        // when a comment repeats the exploit, then the job succeeds after one try and the dashboard names the lack
        bot.handle(comment("d-2", "IC_repeat", "NONE", REPEAT));
        assertThat(github.requestLines()).filteredOn("POST /graphql"::equals).hasSize(1);
        assertThat(github.hiddenComments()).isEmpty();
        assertThat(DashboardPages.get(bot.db, "/dashboard"))
                .contains("could not hide a comment: the App lacks the \"Issues: write\" permission");
    }

    @Test
    void aMaintainersCommentIsNeverHiddenWhenItRepeatsTheExploitGivenAContainedThread() throws Exception {
        // given a contained report
        Bot bot = reported();
        int before = github.requests().size();

        // when a member quotes the payload, then nothing is sent
        bot.handle(comment("d-2", "IC_member", "MEMBER", REPEAT));
        assertThat(github.requests()).hasSize(before);
        assertThat(github.hiddenComments()).isEmpty();
    }

    @Test
    void nothingIsOpenedNorHiddenAndACommentCostsNoRequestWhenContainIsOffGivenTheSameLeak() throws Exception {
        // given the default (point) and private reporting on
        github.privateReporting(REPO, true);
        Bot bot = bot();

        // when the leaked report arrives and a comment repeats it
        bot.handle(report("d-1"));
        int before = github.requests().size();
        bot.handle(comment("d-2", "IC_repeat", "NONE", REPEAT));

        // then no draft was asked for, the comment cost nothing, and nothing was hidden
        assertThat(github.requestLines()).noneMatch(l -> l.contains("security-advisories"));
        assertThat(github.requests()).hasSize(before);
        assertThat(github.hiddenComments()).isEmpty();
    }
}
