package dev.aisectriage.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.catalogue.Recommendation;
import dev.aisectriage.catalogue.SolutionRecommender;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SolutionEvaluationTest {

    /** Always recommends these, in this order. */
    private static final SolutionRecommender FIXED = (prediction, limit) -> List.of(
                    "secure-code-execution-implementation",
                    "secure-deserialization-practices",
                    "secure-file-format-adoption",
                    "dependency-version-upgrade")
            .stream()
            .limit(limit)
            .map(id -> new Recommendation(id, 1, "why"))
            .toList();

    private static final Prediction ANY =
            new Prediction(true, 0.9, Map.of(Theme.SYSTEM_SOFTWARE, 1.0), List.of(), List.of(), "test", List.of());

    private static LabelledPost coded(String id, String... solutions) {
        return new LabelledPost(
                id, "github_issue", "o/" + id, null, "text", 1, null, null, null, List.of(solutions), null, null, null);
    }

    @Test
    void firstFixCountsOnlyPostsWhoseLeadingRecommendationIsCodedWhileHitAt3CountsTheTopThree() {
        // given four coded posts (first recommendation coded; second coded; fourth coded; none) and one uncoded
        List<LabelledPost> posts = List.of(
                coded("a", "secure-code-execution-implementation"),
                coded("b", "secure-deserialization-practices", "data-guardrails"),
                coded("c", "dependency-version-upgrade"),
                coded("d", "data-anonymization"),
                coded("e"));

        // when
        SolutionEvaluation.Figures f = SolutionEvaluation.measure(posts, p -> ANY, FIXED);

        // then
        assertThat(f.firstFix()).isEqualTo(new SolutionEvaluation.HitRate(4, 1));
        assertThat(f.hitAt3()).isEqualTo(new SolutionEvaluation.HitRate(4, 2));
        assertThat(SolutionEvaluation.hitAtK(posts, p -> ANY, FIXED, 3)).isEqualTo(f.hitAt3());
        assertThat(SolutionEvaluation.hitAtK(posts, p -> ANY, FIXED, 1)).isEqualTo(f.firstFix());
    }

    @Test
    void theReportPartGivesBothFiguresOrNullsWithoutARecommender() {
        // given
        List<Evaluation.Scored> items = List.of(
                new Evaluation.Scored(coded("a", "secure-deserialization-practices"), ANY, 1),
                new Evaluation.Scored(coded("b", "secure-code-execution-implementation"), ANY, 1),
                new Evaluation.Scored(coded("c"), ANY, 1));
        ObjectNode with = new ObjectMapper().createObjectNode();
        ObjectNode without = new ObjectMapper().createObjectNode();

        // when
        SolutionEvaluation.put(with, items, FIXED);
        SolutionEvaluation.put(without, items, null);

        // then
        assertThat(with.get("n").asInt()).isEqualTo(2);
        assertThat(with.get("first_fix").asDouble()).isEqualTo(0.5);
        assertThat(with.get("hit_at_3").asDouble()).isEqualTo(1.0);
        assertThat(without.get("first_fix").isNull()).isTrue();
        assertThat(without.get("hit_at_3").isNull()).isTrue();
    }
}
