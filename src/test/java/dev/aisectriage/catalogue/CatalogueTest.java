package dev.aisectriage.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.classify.KeywordStage;
import dev.aisectriage.classify.Theme;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    @Test
    void shippedCatalogueHasEveryTaxonomyEntryWithStepsAndHttpsLinks() {
        // when
        Catalogue catalogue = Catalogue.load();

        // then
        assertThat(catalogue.solutions()).hasSize(24);
        assertThat(catalogue.issueTypes()).hasSize(32);
        assertThat(catalogue.solutions()).allSatisfy(s -> {
            assertThat(s.steps()).hasSizeBetween(2, 5);
            assertThat(s.links())
                    .isNotEmpty()
                    .allSatisfy(l -> assertThat(l.url()).startsWith("https://"));
        });
        assertThat(catalogue.issueTypes())
                .allSatisfy(t -> assertThat(catalogue.curated(t.id())).isNotEmpty());
    }

    @Test
    void modelAndDataSolutionsCarryFourConcreteStepsEach() {
        // given
        Catalogue catalogue = Catalogue.load();

        // then: the study found these themes rarely get concrete fixes, so ours carry four steps each
        assertThat(catalogue.solutions())
                .filteredOn(s -> s.theme() == Theme.MODEL || s.theme() == Theme.DATA)
                .hasSize(4)
                .allSatisfy(s -> assertThat(s.steps()).hasSize(4));
    }

    @Test
    void idsNamesAndThemesMatchTheSharedTaxonomy() throws Exception {
        // given
        Path taxonomy = sharedData().resolve("taxonomy.json");
        Assumptions.assumeTrue(Files.exists(taxonomy), "skipped: " + taxonomy + " not found (../shared/data absent)");
        JsonNode root = new ObjectMapper().readTree(taxonomy.toFile());
        Catalogue catalogue = Catalogue.load();

        // then
        for (JsonNode issue : root.path("issues")) {
            IssueType t = catalogue.issueType(issue.path("id").asText()).orElseThrow();
            assertThat(t.name()).isEqualTo(issue.path("name").asText());
            assertThat(t.theme()).isEqualTo(Theme.parse(issue.path("theme").asText()));
            assertThat(t.subTheme()).isEqualTo(issue.path("sub_theme").asText());
        }
        for (JsonNode solution : root.path("solutions")) {
            Solution s = catalogue.solution(solution.path("id").asText()).orElseThrow();
            assertThat(s.theme()).isEqualTo(Theme.parse(solution.path("theme").asText()));
        }
    }

    @Test
    void brokenCatalogueIsRejectedWithEveryProblemNamed() {
        // given
        String yaml = """
                solutions:
                  - id: only-one
                    name: Only one
                    theme: MODEL
                    summary: s
                    steps: [just one step]
                    links:
                      - title: plain http
                        url: http://example.org/
                issue_types: []
                curated:
                  nowhere: [only-one, not-a-solution]
                """;

        // when / then
        assertThatThrownBy(() -> Catalogue.parse(stream(yaml), "test.yml"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("expected 24 solutions, found 1")
                .hasMessageContaining("expected 32 issue types, found 0")
                .hasMessageContaining("needs 2 to 5 steps, has 1")
                .hasMessageContaining("not an https URL: 'http://example.org/'")
                .hasMessageContaining("unknown issue type 'nowhere'")
                .hasMessageContaining("unknown solution 'not-a-solution'");
    }

    @Test
    void stepsAimedAtTheIssueTypeComeFirst() {
        // given
        Solution inputValidation =
                Catalogue.load().solution("input-validation-and-sanitization").orElseThrow();

        // when
        List<Solution.Step> forPromptInjection = inputValidation.stepsFor("model-input-manipulations-and-evasions");
        List<Solution.Step> forPathTraversal = inputValidation.stepsFor("system-software-path-traversal");

        // then
        assertThat(forPromptInjection.get(0).text()).startsWith("Treat prompts and model output as untrusted data");
        assertThat(forPathTraversal.get(0).text()).contains("os.path.realpath");
        assertThat(forPromptInjection).hasSameSizeAs(inputValidation.steps());
    }

    @Test
    void stepAimedAtAnUnknownIssueTypeIsRejected() throws Exception {
        // given: the shipped catalogue with one step aimed at an issue type that does not exist
        String yaml = new String(
                        Catalogue.class.getResourceAsStream(Catalogue.RESOURCE).readAllBytes(), StandardCharsets.UTF_8)
                .replace("for: [system-software-path-traversal]", "for: [no-such-issue]");

        // when / then
        assertThatThrownBy(() -> Catalogue.parse(stream(yaml), "test.yml"))
                .hasMessageContaining("step aimed at unknown issue type 'no-such-issue'");
    }

    @Test
    void keywordBoostMatchesAKeywordStageNameWholeAndIgnoresCase() {
        // given
        KeywordBoost boost = new KeywordBoost(List.of("torch.load", "prompt injection"), "x", 0.5, "because");

        // then
        assertThat(boost.firstMatch(List.of("security", "Torch.Load"))).contains("Torch.Load");
        assertThat(boost.firstMatch(List.of("injection"))).isEmpty();
        assertThat(boost.firstMatch(List.of("torch.load_state"))).isEmpty();
        assertThat(boost.firstMatch(List.of("attacker", "prompt injection"))).contains("prompt injection");
    }

    @Test
    void everyBoostKeywordIsANameTheKeywordStageCanReport() {
        // given the names the classifier's keyword stage reports in Prediction.keywords()
        List<String> names = new KeywordStage().names();

        // when
        List<String> unknown = Catalogue.load().keywordBoosts().stream()
                .flatMap(b -> b.keywords().stream())
                .filter(k -> !names.contains(k))
                .distinct()
                .toList();

        // then a renamed or removed keyword fails here instead of silently no longer boosting its solution
        assertThat(unknown).as("boost keywords the keyword stage never reports").isEmpty();
    }

    static Path sharedData() {
        return Path.of(System.getProperty("shared.data.dir", "../shared/data"));
    }

    private static ByteArrayInputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
