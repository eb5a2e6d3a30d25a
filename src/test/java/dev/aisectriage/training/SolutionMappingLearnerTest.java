package dev.aisectriage.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.catalogue.Catalogue;
import dev.aisectriage.catalogue.Recommendation;
import dev.aisectriage.catalogue.Recommender;
import dev.aisectriage.catalogue.SolutionMapping;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SolutionMappingLearnerTest {

    private final Catalogue catalogue = Catalogue.load();

    @Test
    void withoutCodedPostsTheCuratedRankingDecides() {
        // when
        SolutionMapping mapping = SolutionMappingLearner.learn(List.of(), catalogue, 1.0);

        // then
        List<String> top = mapping.forIssue("data-leakages-during-model-training-inference-usage").solutions().stream()
                .limit(2)
                .map(SolutionMapping.Entry::solutionId)
                .toList();
        assertThat(top).containsExactly("data-anonymization", "data-guardrails");
    }

    @Test
    void coOccurrenceInCodedPostsOutweighsTheCuratedPrior() {
        // given: five posts say unsafe deserialization was fixed by upgrading a dependency
        List<LabelledPost> posts = java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> post(
                        "o/r" + i,
                        List.of("system-software-unsafe-deserialization"),
                        List.of("dependency-version-upgrade")))
                .toList();

        // when
        SolutionMapping mapping = SolutionMappingLearner.learn(posts, catalogue, 1.0);

        // then
        SolutionMapping.Ranked ranked = mapping.forIssue("system-software-unsafe-deserialization");
        assertThat(ranked.posts()).isEqualTo(5);
        assertThat(ranked.solutions().get(0).solutionId()).isEqualTo("dependency-version-upgrade");
        assertThat(ranked.solutions().get(0).support()).isEqualTo(5);
        assertThat(ranked.solutions().get(1).solutionId()).isEqualTo("secure-deserialization-practices");
    }

    @Test
    void writtenArtefactReadsBackIdentically(@TempDir Path dir) throws Exception {
        // given
        SolutionMapping mapping = SolutionMappingLearner.learn(
                List.of(post("o/r", List.of("harmful-undesired-model-output"), List.of("content-safety-filters"))),
                catalogue,
                1.0);
        Path file = dir.resolve("issue-solutions.json");

        // when
        mapping.writeTo(file);
        SolutionMapping read;
        try (InputStream in = Files.newInputStream(file)) {
            read = SolutionMapping.read(in);
        }
        Path again = dir.resolve("again.json");
        read.writeTo(again);

        // then
        assertThat(read.posts()).isEqualTo(1);
        assertThat(read.forIssue("harmful-undesired-model-output"))
                .isEqualTo(mapping.forIssue("harmful-undesired-model-output"));
        assertThat(read.forTheme(Theme.MODEL)).isEqualTo(mapping.forTheme(Theme.MODEL));
        assertThat(Files.readString(again)).isEqualTo(Files.readString(file));
    }

    @Test
    void committedArtefactCoversEveryIssueTypeWithKnownSolutions() {
        // when
        SolutionMapping mapping = SolutionMapping.load();

        // then
        assertThat(mapping.posts()).isPositive();
        assertThat(mapping.issueTypeIds()).hasSize(32);
        catalogue
                .issueTypes()
                .forEach(t -> assertThat(mapping.forIssue(t.id()).solutions())
                        .isNotEmpty()
                        .allSatisfy(e ->
                                assertThat(catalogue.solution(e.solutionId())).isPresent()));
    }

    @Test
    void evalFactoryUsesTheCommittedMappingWhenGivenNoTrainingPosts() {
        // given
        var type =
                catalogue.issueType("system-software-arbitrary-code-execution").orElseThrow();
        var prediction = new Prediction(
                true,
                0.9,
                java.util.Map.of(
                        Theme.SYSTEM_SOFTWARE, 0.8, Theme.EXTERNAL_ECOSYSTEM, 0.1, Theme.MODEL, 0.05, Theme.DATA, 0.05),
                List.of(new Prediction.IssueTypeScore(type.id(), type.name(), type.theme(), 0.9)),
                List.of(),
                "heads-test-1",
                List.of());
        var onePost = List.of(post(
                "o/r", List.of("system-software-arbitrary-code-execution"), List.of("dependency-version-upgrade")));

        // when
        List<String> shipped = ids(
                SolutionMappingLearner.recommenderTrainedOnOrShipped(List.of()).recommend(prediction, 5));
        List<String> learned = ids(
                SolutionMappingLearner.recommenderTrainedOnOrShipped(onePost).recommend(prediction, 5));

        // then
        assertThat(shipped).isEqualTo(ids(Recommender.withDefaults().recommend(prediction, 5)));
        assertThat(learned)
                .isEqualTo(
                        ids(SolutionMappingLearner.recommenderTrainedOn(onePost).recommend(prediction, 5)));
    }

    private static List<String> ids(List<Recommendation> r) {
        return r.stream().map(Recommendation::solutionId).toList();
    }

    static LabelledPost post(String repo, List<String> issues, List<String> solutions) {
        return new LabelledPost(
                repo + "-1",
                "github_issue",
                repo,
                null,
                "text",
                1,
                null,
                List.of(),
                issues,
                solutions,
                null,
                null,
                null);
    }
}
