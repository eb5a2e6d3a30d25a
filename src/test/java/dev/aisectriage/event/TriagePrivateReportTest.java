package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.store.PrivateReports;
import dev.aisectriage.store.SecurityTables;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.DashboardPages;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code repository_advisory.reported}: a vulnerability reported privately, classified with the same classifier and
 * catalogue, shown on the dashboard and nowhere else.
 */
@Timeout(60)
class TriagePrivateReportTest {

    private static final String FIXTURE = "repository_advisory-reported-path-traversal-in-bundle-extraction.json";
    private static final String REPO = "example-ml/model-zoo";
    private static final String ADVISORIES = "GET /repos/" + REPO + "/security-advisories";

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    /** The fixture, its text an exploit report to the fake classifier, reported {@code daysAgo} days ago. */
    private static Delivery reported(String deliveryId, String ghsa, long daysAgo) {
        return Fixtures.event(FIXTURE, deliveryId, p -> {
            ObjectNode advisory = p.with("repository_advisory");
            advisory.put("ghsa_id", ghsa)
                    .put("html_url", "https://github.com/" + REPO + "/security/advisories/" + ghsa)
                    .put(
                            "created_at",
                            Instant.now().minus(Duration.ofDays(daysAgo)).toString())
                    .put("summary", "Path traversal exploit in extract_bundle()");
        });
    }

    @Test
    void itIsClassifiedAndShownOnTheDashboardOnlyWithoutAnyRequestWhenAPrivateReportArrivesGivenALiveApp()
            throws Exception {
        // given the bot live on the stand-in GitHub
        Bot bot = Bot.on(github);

        // when a vulnerability is reported privately
        bot.handle(reported("d-1", "GHSA-8q4v-2m7x-cf5r", 0));

        // then GitHub got no request at all: no token, no config, no label, no comment
        assertThat(github.requests()).isEmpty();
        // and the dashboard shows its theme, issue type, mitigations and a link to the advisory
        String page = DashboardPages.get(bot.db, "/dashboard");
        assertThat(page)
                .contains("<a href=\"https://github.com/" + REPO + "/security/advisories/GHSA-8q4v-2m7x-cf5r\">")
                .contains("<span class=\"label\">model</span>")
                .contains("System/Software unsafe deserialization")
                .contains("Secure Deserialization Practices")
                .doesNotContain("extract_bundle")
                .doesNotContain("Path traversal exploit");
        assertThat(SecurityTables.on(bot.db, bot.db::writeTransaction).reports().recent(5))
                .singleElement()
                .satisfies(r -> assertThat(r.solutionIds()).isNotBlank());
    }

    @Test
    void theDashboardListsTheReportsNobodyAcknowledgedAfterTheReminderOldestFirstGivenSevenDays() throws Exception {
        // given reports of ten, eight and two days ago, the ten-day-old one acknowledged by a maintainer since
        Bot bot = Bot.on(github);
        bot.handle(reported("d-1", "GHSA-aaaa-aaaa-aaaa", 10));
        bot.handle(reported("d-2", "GHSA-bbbb-bbbb-bbbb", 8));
        bot.handle(reported("d-3", "GHSA-cccc-cccc-cccc", 2));
        bot.handle(reported("d-4", "GHSA-dddd-dddd-dddd", 9));
        github.script(
                ADVISORIES,
                FakeGitHub.json(
                        200,
                        "[{\"ghsa_id\":\"GHSA-bbbb-bbbb-bbbb\",\"state\":\"triage\"},"
                                + "{\"ghsa_id\":\"GHSA-cccc-cccc-cccc\",\"state\":\"triage\"},"
                                + "{\"ghsa_id\":\"GHSA-dddd-dddd-dddd\",\"state\":\"triage\"}]"));

        // when the states are refreshed from GitHub (one list for the repository)
        int acknowledged = new PrivateReportStates(
                        bot.wiring.github(), SecurityTables.on(bot.db, bot.db::writeTransaction), Clock.systemUTC())
                .refresh();

        // then the acknowledged one left the list, and the waiting ones older than seven days are listed oldest first
        assertThat(acknowledged).isEqualTo(1);
        assertThat(github.requestLines()).filteredOn(ADVISORIES::equals).hasSize(1);
        String waiting = waitingSection(DashboardPages.get(bot.db, "/dashboard"));
        assertThat(waiting).doesNotContain("GHSA-aaaa").doesNotContain("GHSA-cccc");
        assertThat(waiting.indexOf("GHSA-dddd")).isPositive().isLessThan(waiting.indexOf("GHSA-bbbb"));
        assertThat(SecurityTables.on(bot.db, bot.db::writeTransaction).reports().recent(10))
                .filteredOn(r -> r.ghsaId().equals("GHSA-aaaa-aaaa-aaaa"))
                .extracting(PrivateReports.Report::state)
                .containsExactly(PrivateReports.ACKNOWLEDGED);
    }

    @Test
    void aMissingReadPermissionIsOneDashboardLineAndNothingIsAcknowledgedWhenTheStatesAreRefreshed() throws Exception {
        // given a report waiting, and an App registered before it asked for "Repository security advisories: read"
        Bot bot = Bot.on(github);
        bot.handle(reported("d-1", "GHSA-aaaa-aaaa-aaaa", 10));
        String refused = "{\"message\":\"Resource not accessible by integration\"}";
        github.script(ADVISORIES, FakeGitHub.json(403, refused), FakeGitHub.json(403, refused));
        PrivateReportStates states = new PrivateReportStates(
                bot.wiring.github(), SecurityTables.on(bot.db, bot.db::writeTransaction), Clock.systemUTC());

        // when the states are refreshed twice
        assertThat(states.refresh()).isZero();
        states.refresh();

        // then the report still waits, and the dashboard says once what is missing
        String page = DashboardPages.get(bot.db, "/dashboard");
        assertThat(waitingSection(page)).contains("GHSA-aaaa-aaaa-aaaa");
        assertThat(page)
                .containsOnlyOnce("could not read the privately reported vulnerabilities: the App lacks the"
                        + " \"Repository security advisories: read\" permission");
    }

    private static String waitingSection(String page) {
        return page.substring(page.indexOf("<h3>Waiting for a maintainer</h3>"), page.indexOf("<h3>Latest</h3>"));
    }
}
