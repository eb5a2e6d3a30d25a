package dev.aisectriage.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.catalogue.Recommendation;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    private static final Path TINY = Path.of("src/test/resources/eval/tiny.jsonl");

    /** A prediction with the given verdict, primary theme and top issue type. */
    private static Prediction said(boolean security, Theme theme, String topIssue) {
        Map<Theme, Double> themes = new EnumMap<>(Theme.class);
        for (Theme t : Theme.values()) {
            themes.put(t, t == theme ? 0.7 : 0.1);
        }
        List<Prediction.IssueTypeScore> issues = List.of(
                new Prediction.IssueTypeScore(topIssue, topIssue, theme, 0.6),
                new Prediction.IssueTypeScore("system-resource-exhaustions", "x", Theme.SYSTEM_SOFTWARE, 0.2),
                new Prediction.IssueTypeScore("deployment-misconfigurations", "x", Theme.SYSTEM_SOFTWARE, 0.1),
                new Prediction.IssueTypeScore(
                        "using-insecure-default-deployment-configurations", "x", Theme.SYSTEM_SOFTWARE, 0.05));
        return new Prediction(security, security ? 0.9 : 0.1, themes, issues, List.of(), "test", List.of());
    }

    private static List<Evaluation.Scored> scoredTinyFile() {
        List<LabelledPost> posts = LabelledPost.read(TINY);
        // Verdicts chosen by hand: 3 true positives, 1 false negative, 1 false positive, 2 true negatives.
        List<Prediction> said = List.of(
                said(true, Theme.SYSTEM_SOFTWARE, "system-software-unsafe-deserialization"),
                said(true, Theme.SYSTEM_SOFTWARE, "model-input-manipulations-and-evasions"),
                said(true, Theme.SYSTEM_SOFTWARE, "system-software-path-traversal"),
                said(false, Theme.EXTERNAL_ECOSYSTEM, "platform-api-availability-error"),
                said(true, Theme.DATA, "security-risk-from-deficient-data-quality"),
                said(false, Theme.MODEL, "harmful-undesired-model-output"),
                said(false, Theme.MODEL, "harmful-undesired-model-output"));
        List<Evaluation.Scored> out = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            out.add(new Evaluation.Scored(posts.get(i), said.get(i), 10.0 * (i + 1)));
        }
        return out;
    }

    @Test
    void securityFiguresMatchAHandComputedConfusionMatrix() {
        // given tp=3 fp=1 tn=2 fn=1
        ObjectNode r = Evaluation.report(scoredTinyFile(), null);

        assertThat(r.get("n").asInt()).isEqualTo(7);
        assertThat(r.at("/security/tp").asInt()).isEqualTo(3);
        assertThat(r.at("/security/fp").asInt()).isEqualTo(1);
        assertThat(r.at("/security/tn").asInt()).isEqualTo(2);
        assertThat(r.at("/security/fn").asInt()).isEqualTo(1);
        assertThat(r.at("/security/precision").asDouble()).isCloseTo(0.75, within(1e-4));
        assertThat(r.at("/security/recall").asDouble()).isCloseTo(0.75, within(1e-4));
        assertThat(r.at("/security/f1").asDouble()).isCloseTo(0.75, within(1e-4));
        // MCC = (3*2 - 1*1) / sqrt(4 * 4 * 3 * 3) = 5 / 12
        assertThat(r.at("/security/mcc").asDouble()).isCloseTo(0.4167, within(1e-4));
    }

    @Test
    void themeFiguresCountOnlySecurityPostsWithATheme() {
        ObjectNode r = Evaluation.report(scoredTinyFile(), null);

        // 4 themed security posts; predicted SYS, SYS, SYS, ECO against SYS, MODEL, SYS, ECO: 3 right.
        assertThat(r.at("/theme/n").asInt()).isEqualTo(4);
        assertThat(r.at("/theme/primary_accuracy").asDouble()).isCloseTo(0.75, within(1e-4));
        // SYSTEM_SOFTWARE p=2/3 r=1 f1=0.8; ECOSYSTEM f1=1; MODEL f1=0; DATA has no support and is left out.
        assertThat(r.at("/theme/per_theme/SYSTEM_SOFTWARE/f1").asDouble()).isCloseTo(0.8, within(1e-4));
        assertThat(r.at("/theme/macro_f1").asDouble()).isCloseTo(0.6, within(1e-4));
    }

    @Test
    void top3RecallCountsPostsWhoseCodesAreAmongTheTopThree() {
        ObjectNode r = Evaluation.report(scoredTinyFile(), null);

        // Post 1 hit at rank 1, post 2 hit at rank 1, post 3's code is 4th (miss), post 4 miss: 2 of 4.
        assertThat(r.at("/issue_codes/n").asInt()).isEqualTo(4);
        assertThat(r.at("/issue_codes/top3_recall").asDouble()).isCloseTo(0.5, within(1e-4));
    }

    @Test
    void solutionsHitAt3IsNullWithoutARecommenderAndCountedWithOne() {
        assertThat(Evaluation.report(scoredTinyFile(), null)
                        .at("/solutions/hit_at_3")
                        .isNull())
                .isTrue();

        ObjectNode r = Evaluation.report(
                scoredTinyFile(),
                (prediction, limit) -> List.of(new Recommendation("secure-deserialization-practices", 1, "why")));

        assertThat(r.at("/solutions/n").asInt()).isEqualTo(1);
        assertThat(r.at("/solutions/hit_at_3").asDouble()).isEqualTo(1.0);
    }

    @Test
    void latencyPercentilesUseNearestRank() {
        ObjectNode r = Evaluation.report(scoredTinyFile(), null);

        // latencies 10..70 ms: p50 is the 4th value, p99 the 7th.
        assertThat(r.at("/latency_ms/p50").asDouble()).isEqualTo(40.0);
        assertThat(r.at("/latency_ms/p99").asDouble()).isEqualTo(70.0);
    }
}
