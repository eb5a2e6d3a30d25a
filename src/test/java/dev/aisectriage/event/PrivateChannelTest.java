package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.DashboardPages;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Where the comment on an undisclosed report posted in public sends the reporter, checked on the stand-in GitHub
 * before it is said: private vulnerability reporting, else the contact of the SECURITY.md GitHub shows, else none.
 */
@Timeout(30)
class PrivateChannelTest {

    private static final String REPO = "example-ml/model-zoo";
    private static final String REPORT = "issues-opened-detailed-security-report.json";
    private static final String THREAD = REPO + "#42";
    private static final String CHECK = "GET /repos/" + REPO + "/private-vulnerability-reporting";
    /** What an undisclosed report cost before the channel was checked: token, config twice, labels, the comment. */
    private static final List<String> TODAYS_FLOW = List.of(
            "POST /app/installations/48151623/access_tokens",
            "GET /repos/" + REPO + "/contents/.github/ai-security-triage.yml",
            "GET /repos/example-ml/.github/contents/.github/ai-security-triage.yml",
            "POST /repos/" + REPO + "/issues/42/labels",
            "GET /repos/" + REPO + "/issues/42/comments",
            "POST /repos/" + REPO + "/issues/42/comments");

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    private Bot bot() {
        return Bot.on(github, github.storeFolder(), MarkdownCommentRenderer.withDefaults());
    }

    private String comment() {
        return github.commentsOf(THREAD).values().iterator().next();
    }

    @Test
    void theCommentSendsTheReporterToTheFormAfterOneCheckWhenPrivateReportingIsOnGivenAnUndisclosedReport()
            throws Exception {
        // given private reporting is on
        github.privateReporting(REPO, true);

        // when an undisclosed report is opened in public
        bot().handle(Fixtures.event(REPORT, "d-1"));

        // then one check was added to today's flow, no SECURITY.md was read, and the comment names the form as on
        assertThat(github.requestLines()).containsExactlyElementsOf(withCheck(List.of(CHECK)));
        assertThat(comment())
                .contains("through [private vulnerability reporting](https://github.com/" + REPO
                        + "/security/advisories/new)")
                .contains("which is on for this repository")
                .doesNotContain("if it is enabled")
                .doesNotContain("__reduce__");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "example-ml/model-zoo, .github/SECURITY.md, 1",
        "example-ml/model-zoo, SECURITY.md, 2",
        "example-ml/model-zoo, docs/SECURITY.md, 3",
        "example-ml/.github, SECURITY.md, 5"
    })
    void theCommentNamesThePolicysContactWhenPrivateReportingIsOffGivenASecurityPolicyInOneOfTheFourPlaces(
            String holder, String path, int placesRead) throws Exception {
        // given private reporting is off and a SECURITY.md with a contact in this place
        github.privateReporting(REPO, false)
                .file(holder, path, "# Security\n\nReport vulnerabilities privately to security@example-ml.org.\n");

        // when an undisclosed report is opened
        bot().handle(Fixtures.event(REPORT, "d-1"));

        // then the places were read in GitHub's order up to the one found, and the comment names its contact
        assertThat(github.requestLines())
                .filteredOn(l -> l.contains("SECURITY.md"))
                .hasSize(placesRead)
                .last()
                .isEqualTo("GET /repos/" + holder + "/contents/" + path);
        assertThat(comment())
                .contains("as the repository's [security policy](https://github.com/" + REPO + "/security/policy) asks")
                .contains("- security@example-ml.org");
    }

    @Test
    void theRepositorysOwnPolicyWinsOverTheRootOnesWhenBothExistGivenGitHubsOrder() throws Exception {
        // given a policy in .github/ and another at the root
        github.privateReporting(REPO, false)
                .file(REPO, ".github/SECURITY.md", "Send reports to vulns@example-ml.org.")
                .file(REPO, "SECURITY.md", "Send reports to old-address@example-ml.org.");

        // when an undisclosed report is opened, then the one GitHub shows (.github/) is the one named
        bot().handle(Fixtures.event(REPORT, "d-1"));

        assertThat(comment()).contains("vulns@example-ml.org").doesNotContain("old-address");
    }

    @Test
    void theCommentAsksForAPrivateChannelAndTheDashboardSaysNoneWhenNeitherExistsGivenAnUndisclosedReport()
            throws Exception {
        // given private reporting is off and no SECURITY.md anywhere
        github.privateReporting(REPO, false);
        Bot bot = bot();

        // when an undisclosed report is opened
        bot.handle(Fixtures.event(REPORT, "d-1"));

        // then the check and the six places were read, and the comment asks for a channel without details
        assertThat(github.requestLines())
                .filteredOn(l -> l.contains("SECURITY.md"))
                .hasSize(6);
        assertThat(comment())
                .contains("The bot found no private way to report for this repository")
                .contains("ask the maintainers, in a short comment without details, how to reach them privately");
        // and the dashboard lists the repository as having no private channel, with why
        assertThat(DashboardPages.get(bot.db, "/dashboard"))
                .contains("Repositories without a private channel")
                .contains("<td>" + REPO + "</td><td class=\"err\">no private channel</td>")
                .contains("private reporting is off (private reporting is switched off); no SECURITY.md");
    }

    @Test
    void thePolicyIsStillFollowedWhenTheAppCannotTellGivenAForbiddenCheck() throws Exception {
        // given GitHub refuses the check (403) and the repository has a policy
        github.script(CHECK, FakeGitHub.json(403, "{\"message\":\"Resource not accessible by integration\"}"))
                .file(REPO, "SECURITY.md", "Please report security issues at https://hackerone.com/example-ml.");

        // when an undisclosed report is opened, then the policy's contact is named, linked
        bot().handle(Fixtures.event(REPORT, "d-1"));

        assertThat(comment()).contains("- [https://hackerone.com/example-ml](https://hackerone.com/example-ml)");
    }

    @Test
    void aSecondReportCostsExactlyTodaysRequestsWhenTheChannelIsKeptGivenTheSameRepository() throws Exception {
        // given a report whose channel was checked
        github.privateReporting(REPO, true);
        Bot bot = bot();
        bot.handle(Fixtures.event(REPORT, "d-1"));
        int first = github.requests().size();

        // when a second report is opened in the same repository (a minute later: the config is read again)
        bot.handle(second("d-2"));

        // then it cost today's flow for issue 43, and no check
        assertThat(github.requestLines().subList(first, github.requests().size()))
                .containsExactlyElementsOf(TODAYS_FLOW.subList(1, TODAYS_FLOW.size()).stream()
                        .filter(l -> !l.contains("ai-security-triage.yml"))
                        .map(l -> l.replace("/issues/42/", "/issues/43/"))
                        .toList());
    }

    @Test
    void aPushChangingTheSecurityPolicyMakesTheNextReportAskAgainWhileAReadmePushDoesNot() throws Exception {
        // given a report whose channel was checked
        github.privateReporting(REPO, true);
        Bot bot = bot();
        bot.handle(Fixtures.event(REPORT, "d-1"));

        // when a push changes the README, and a second report arrives, then the channel is not asked again
        bot.handle(Fixtures.event("push-readme-changed.json", "d-push-1"));
        bot.handle(second("d-2"));
        assertThat(github.requestLines()).filteredOn(CHECK::equals).hasSize(1);

        // when a push adds a SECURITY.md, and a third report arrives, then it is asked again
        bot.handle(Fixtures.event("push-security-policy-added.json", "d-push-2"));
        bot.handle(Fixtures.event(REPORT, "d-3", p -> p.with("issue").put("number", 44)));
        assertThat(github.requestLines()).filteredOn(CHECK::equals).hasSize(2);
    }

    @Test
    void postsThatAreNotUndisclosedReportsCostNoCheckWhenTheyAreFlaggedGivenAPlainSecurityReport() throws Exception {
        // given private reporting is on
        github.privateReporting(REPO, true);

        // when a flagged report with a CVE id (already disclosed) is opened
        bot().handle(Fixtures.event(
                REPORT, "d-1", p -> p.with("issue").put("title", "CVE-2025-32434: torch.load runs code")));

        // then the flow is today's: no check of the channel
        assertThat(github.requestLines()).containsExactlyElementsOf(TODAYS_FLOW);
    }

    private static Delivery second(String id) {
        return Fixtures.event(REPORT, id, p -> p.with("issue").put("number", 43));
    }

    private static List<String> withCheck(List<String> check) {
        List<String> out = new java.util.ArrayList<>(TODAYS_FLOW.subList(0, 4));
        out.addAll(check);
        out.addAll(TODAYS_FLOW.subList(4, TODAYS_FLOW.size()));
        return out;
    }
}
