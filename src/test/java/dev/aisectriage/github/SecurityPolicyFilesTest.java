package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.StandInGitHub;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class SecurityPolicyFilesTest {

    private static final String REPO = "example-ml/model-zoo";
    private static final String POLICY = "# Security\n\nReport vulnerabilities to security@example-ml.org.\n";
    private static final List<String> EVERY_PLACE = List.of(
            "GET /repos/example-ml/model-zoo/contents/.github/SECURITY.md",
            "GET /repos/example-ml/model-zoo/contents/SECURITY.md",
            "GET /repos/example-ml/model-zoo/contents/docs/SECURITY.md",
            "GET /repos/example-ml/.github/contents/.github/SECURITY.md",
            "GET /repos/example-ml/.github/contents/SECURITY.md",
            "GET /repos/example-ml/.github/contents/docs/SECURITY.md");

    @RegisterExtension
    final StandInGitHub gitHub = new StandInGitHub();

    private final SecurityPolicyFiles files = new SecurityPolicyFiles(
            new InstallationReads(gitHub.http, new InstallationCalls(gitHub.tokens, gitHub.limits)));

    @ParameterizedTest(name = "{0}:{1}")
    @CsvSource({
        "example-ml/model-zoo, .github/SECURITY.md, 1",
        "example-ml/model-zoo, SECURITY.md, 2",
        "example-ml/model-zoo, docs/SECURITY.md, 3",
        "example-ml/.github, SECURITY.md, 5"
    })
    void thePolicyIsFoundInEachPlaceGitHubLooksAndNoPlaceAfterItIsAsked(String holder, String path, int asked) {
        // given a SECURITY.md in only one of the places
        gitHub.github.file(holder, path, POLICY);

        // when the bot looks for the repository's policy
        Optional<RepoFile> found = files.find(48151623L, REPO);

        // then it finds that file, having asked the places before it in GitHub's order, and none after
        assertThat(found).hasValueSatisfying(f -> {
            assertThat(f.repository()).isEqualTo(holder);
            assertThat(f.path()).isEqualTo(path);
            assertThat(f.content()).isEqualTo(POLICY);
        });
        assertThat(gitHub.calls()).containsExactlyElementsOf(EVERY_PLACE.subList(0, asked));
    }

    @Test
    void theRepositorysOwnPolicyWinsOverTheOrganisationDefault() {
        // given a policy in the repository's docs folder and another in the organisation's .github repository
        gitHub.github.file(REPO, "docs/SECURITY.md", POLICY);
        gitHub.github.file("example-ml/.github", "SECURITY.md", "# Org policy\n");

        // when the bot looks, then the repository's own is the one
        assertThat(files.find(48151623L, REPO))
                .hasValueSatisfying(f -> assertThat(f.repository()).isEqualTo(REPO));
    }

    @Test
    void withNoPolicyAnywhereEveryPlaceIsAskedOnceAndNothingIsFound() {
        // given no SECURITY.md anywhere

        // when the bot looks
        Optional<RepoFile> found = files.find(48151623L, REPO);

        // then nothing is found, after one request per place and no retry of a 404
        assertThat(found).isEmpty();
        assertThat(gitHub.calls()).containsExactlyElementsOf(EVERY_PLACE);
    }

    @Test
    void anOrganisationRepositoryTheAppMayNotReadIsPassedOver() {
        // given the organisation's .github repository refuses the installation
        for (String path : SecurityPolicyFiles.PLACES) {
            gitHub.github.script(
                    "GET /repos/example-ml/.github/contents/" + path,
                    FakeGitHub.json(403, "{\"message\":\"Resource not accessible by integration\"}"));
        }

        // when the bot looks, then there is no policy, and no error
        assertThat(files.find(48151623L, REPO)).isEmpty();
    }

    @Test
    void theOrganisationsOwnDotGithubRepositoryIsLookedAtOnce() {
        // given the repository is the organisation's .github repository itself, with no policy

        // when the bot looks, then only its three places are asked
        assertThat(files.find(48151623L, "example-ml/.github")).isEmpty();
        assertThat(gitHub.calls()).containsExactlyElementsOf(EVERY_PLACE.subList(3, 6));
    }

    @Test
    void aFolderNamedLikeThePolicyIsNotAPolicy() {
        // given a directory listing where a file was expected
        gitHub.github.script(
                "GET /repos/example-ml/model-zoo/contents/.github/SECURITY.md",
                FakeGitHub.json(200, "[{\"type\":\"file\",\"name\":\"README.md\"}]"));
        gitHub.github.file(REPO, "SECURITY.md", POLICY);

        // when the bot looks, then it goes on to the next place
        assertThat(files.find(48151623L, REPO))
                .hasValueSatisfying(f -> assertThat(f.path()).isEqualTo("SECURITY.md"));
    }
}
