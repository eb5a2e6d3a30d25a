package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.StandInGitHub;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class RepositoryAdvisoriesTest {

    private static final String REPO = "example-ml/model-zoo";
    private static final String ADVISORIES = "/repos/example-ml/model-zoo/security-advisories";
    private static final String MARKER = "<!-- ai-security-triage: advisory for example-ml/model-zoo#42 -->";
    private static final DraftAdvisory DRAFT = new DraftAdvisory(
            "Arbitrary code execution when loading a checkpoint with load_pretrained()",
            "Reported in public in example-ml/model-zoo#42; the issue's text follows.\n\n> torch.load without"
                    + " weights_only",
            "model-zoo",
            MARKER);
    private static final String CREATED = "{\"ghsa_id\":\"GHSA-r3vp-9cx7-2hm4\",\"cve_id\":null,"
            + "\"html_url\":\"https://github.com/example-ml/model-zoo/security/advisories/GHSA-r3vp-9cx7-2hm4\","
            + "\"state\":\"draft\",\"summary\":\"Arbitrary code execution when loading a checkpoint\"}";

    @RegisterExtension
    final StandInGitHub gitHub = new StandInGitHub();

    private final RepositoryAdvisories advisories =
            new RepositoryAdvisories(gitHub.http, new InstallationCalls(gitHub.tokens, gitHub.limits));

    @Test
    void aDraftIsOpenedWithTheReportAndItsMarkerInOnePost() throws IOException {
        // given GitHub creates the draft
        gitHub.github.script("POST " + ADVISORIES, FakeGitHub.json(201, CREATED));

        // when the bot opens it
        OpenedAdvisory result = advisories.open(48151623L, REPO, DRAFT);

        // then one POST carried the summary, the report with the marker last, and the repository as the product
        assertThat(result)
                .isEqualTo(new OpenedAdvisory.Opened(
                        "GHSA-r3vp-9cx7-2hm4",
                        "https://github.com/example-ml/model-zoo/security/advisories/GHSA-r3vp-9cx7-2hm4"));
        assertThat(gitHub.calls()).containsExactly("POST " + ADVISORIES);
        JsonNode body = gitHub.github.requests().get(1).json();
        assertThat(body.path("summary").asText()).isEqualTo(DRAFT.summary());
        assertThat(body.path("description").asText())
                .startsWith("Reported in public")
                .endsWith("\n\n" + MARKER);
        assertThat(body.path("vulnerabilities"))
                .isEqualTo(new ObjectMapper()
                        .readTree("[{\"package\":{\"ecosystem\":\"other\",\"name\":\"model-zoo\"}}]"));
    }

    @Test
    void anAppWithoutTheAdvisoriesPermissionGetsOneClearNotPermittedAndNoRetry() {
        // given the installation lacks "Repository security advisories: write"
        gitHub.github.script(
                "POST " + ADVISORIES,
                FakeGitHub.json(
                        403,
                        "{\"message\":\"Resource not accessible by integration\",\"documentation_url\":"
                                + "\"https://docs.github.com/rest/security-advisories/repository-advisories#create-a"
                                + "-repository-security-advisory\",\"status\":\"403\"}"));

        // when the bot opens the draft
        OpenedAdvisory result = advisories.open(48151623L, REPO, DRAFT);

        // then it is one outcome naming the permission, after exactly one request
        assertThat(result)
                .isInstanceOfSatisfying(
                        OpenedAdvisory.NotPermitted.class,
                        n -> assertThat(n.missing().line())
                                .startsWith(
                                        "example-ml/model-zoo: could not open a draft security advisory: the App lacks the"
                                                + " \"Repository security advisories: write\" permission"));
        assertThat(gitHub.calls()).containsExactly("POST " + ADVISORIES);
    }

    @Test
    void aServerErrorAfterTheDraftWasCreatedIsNotRepeatedAndTheDraftIsFoundAgainByItsMarker() {
        // given GitHub created the draft but the answer failed
        gitHub.github.script("POST " + ADVISORIES, FakeGitHub.json(502, "{\"message\":\"Server Error\"}"));
        gitHub.github.script(
                "GET " + ADVISORIES,
                FakeGitHub.json(
                        200,
                        "[{\"ghsa_id\":\"GHSA-x7w2-4fqg-9hcm\",\"description\":\"another report\"},"
                                + "{\"ghsa_id\":\"GHSA-r3vp-9cx7-2hm4\",\"html_url\":\"https://github.com/example-ml/"
                                + "model-zoo/security/advisories/GHSA-r3vp-9cx7-2hm4\",\"state\":\"draft\","
                                + "\"description\":\"Reported in public in example-ml/model-zoo#42\\n\\n" + MARKER
                                + "\"}]"));

        // when the bot opens it, then the failure is thrown for a later try, after one POST only
        assertThatThrownBy(() -> advisories.open(48151623L, REPO, DRAFT))
                .isInstanceOfSatisfying(
                        GitHubApiException.class, e -> assertThat(e.isFinal()).isFalse());
        assertThat(gitHub.calls()).containsExactly("POST " + ADVISORIES);

        // and when the later try looks first, it finds the draft by its marker instead of opening a second
        assertThat(advisories.find(48151623L, REPO, MARKER))
                .isEqualTo(new OpenedAdvisory.Opened(
                        "GHSA-r3vp-9cx7-2hm4",
                        "https://github.com/example-ml/model-zoo/security/advisories/GHSA-r3vp-9cx7-2hm4"));
        assertThat(gitHub.calls()).containsExactly("POST " + ADVISORIES, "GET " + ADVISORIES);
    }

    @Test
    void lookingForADraftThatWasNeverOpenedFindsNothing() {
        // given the repository's advisories, none of them the bot's
        gitHub.github.script(
                "GET " + ADVISORIES,
                FakeGitHub.json(200, "[{\"ghsa_id\":\"GHSA-x7w2-4fqg-9hcm\",\"description\":\"another report\"}]"));

        // when the bot looks, then there is none
        assertThat(advisories.find(48151623L, REPO, MARKER)).isInstanceOf(OpenedAdvisory.NotFound.class);
    }

    @Test
    void aDraftGitHubRejectsIsRefusedWithItsStatus() {
        // given GitHub rejects a field
        gitHub.github.script(
                "POST " + ADVISORIES,
                FakeGitHub.json(422, "{\"message\":\"Validation Failed\",\"errors\":[\"summary is too long\"]}"));

        // when the bot opens the draft, then the refusal is final and says why
        assertThat(advisories.open(48151623L, REPO, DRAFT)).isInstanceOfSatisfying(OpenedAdvisory.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(422);
            assertThat(r.message()).contains("Validation Failed");
        });
        assertThat(gitHub.calls()).containsExactly("POST " + ADVISORIES);
    }

    @Test
    void longTextsAreCutToGitHubsLimitsAndTheMarkerIsKept() {
        // given a report longer than GitHub accepts
        DraftAdvisory long_ = new DraftAdvisory("s".repeat(2000), "d".repeat(70_000), "model-zoo", MARKER);

        // when its body is built
        var body = long_.body();

        // then both texts fit, and the marker survives the cut
        assertThat((String) body.get("summary")).hasSize(DraftAdvisory.MAX_SUMMARY);
        assertThat((String) body.get("description"))
                .hasSize(DraftAdvisory.MAX_DESCRIPTION)
                .endsWith(MARKER);
    }
}
