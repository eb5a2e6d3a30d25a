package dev.aisectriage.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.classify.KeywordStage;
import dev.aisectriage.classify.ModelArtefact;
import dev.aisectriage.classify.PostText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisiveKeywordsTest {

    private static final KeywordStage KEYWORDS = new KeywordStage();

    private static LabelledPost post(int n, String text, int security) {
        return new LabelledPost(
                "o/r-" + n, "github_issue", "o/r" + n, null, text, security, null, null, null, null, null, null, null);
    }

    /** AI-project issues (tuning posts): {@code namingXss} name XSS, of which {@code notSecurity} are not security. */
    private static TrainingSet tuningPosts(int namingXss, int notSecurity) {
        List<LabelledPost> posts = new ArrayList<>();
        for (int i = 0; i < namingXss; i++) {
            posts.add(post(i, "Stored XSS in the chat view, case " + i, i < notSecurity ? 0 : 1));
        }
        for (int i = 0; i < 5; i++) {
            posts.add(post(100 + i, "Dark mode is not remembered, case " + i, 0));
        }
        boolean[] tune = new boolean[posts.size()];
        java.util.Arrays.fill(tune, true);
        return new TrainingSet(posts, new float[posts.size()][], new boolean[posts.size()], tune);
    }

    /** Per post, whether its own sentences name a decisive keyword, as the trainer computes it. */
    private static boolean[] named(TrainingSet set) {
        ModelArtefact.DecisiveKeywords all = new ModelArtefact.DecisiveKeywords(KeywordStage.DECISIVE, 0, 0);
        boolean[] named = new boolean[set.size()];
        for (int i = 0; i < set.size(); i++) {
            named[i] = all.matchesAny(
                    KEYWORDS.read(PostText.of(set.posts().get(i).text())).proseNames());
        }
        return named;
    }

    private static ModelArtefact.DecisiveKeywords rule(TrainingSet set, double target) {
        return SecurityHeadTrainer.decisiveKeywords(set, named(set), target);
    }

    @Test
    void theRuleIsKeptWhenPostsNamingAVulnerabilityClassWereSecurityOftenEnough() {
        ModelArtefact.DecisiveKeywords rule = rule(tuningPosts(20, 0), 0.92);

        assertThat(rule.names()).containsExactlyElementsOf(KeywordStage.DECISIVE);
        assertThat(rule.posts()).isEqualTo(20);
        assertThat(rule.precision()).isEqualTo(21.0 / 22.0);
        assertThat(rule.matchesAny(List.of("pickle", "xss"))).isTrue();
        assertThat(rule.matchesAny(List.of("pickle", "security"))).isFalse();
    }

    @Test
    void theRuleIsDroppedWhenItsPrecisionIsBelowTheTarget() {
        // 18 of 20 security: (18 + 1) / 22 = 0.86 < 0.92
        ModelArtefact.DecisiveKeywords rule = rule(tuningPosts(20, 2), 0.92);

        assertThat(rule).isEqualTo(ModelArtefact.DecisiveKeywords.NONE);
        assertThat(rule.matchesAny(List.of("xss"))).isFalse();
    }

    @Test
    void theRuleIsDroppedWithTooFewPostsToJudgeIt() {
        assertThat(rule(tuningPosts(9, 0), 0.5)).isEqualTo(ModelArtefact.DecisiveKeywords.NONE);
    }

    @Test
    void givenAVulnerabilityClassOnlyInAPastedLog_thenThePostDoesNotNameIt() {
        TrainingSet set = tuningPosts(0, 0);
        LabelledPost pasted = post(7, "Build fails\n```\nnpm WARN found 3 vulnerabilities (1 XSS)\n```\n", 0);
        TrainingSet withLog = new TrainingSet(List.of(pasted), new float[1][], new boolean[1], new boolean[] {true});

        assertThat(named(withLog)).containsExactly(false);
        assertThat(named(set)).doesNotContain(true);
    }

    @Test
    void everyDecisiveKeywordIsOneTheKeywordStageMatches() {
        assertThat(KEYWORDS.names()).containsAll(KeywordStage.DECISIVE);
    }
}
