package dev.aisectriage.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityWeightsTest {

    private static SecurityWeights weights(String... settings) {
        TrainerOptions o = TrainerOptions.defaults();
        for (String s : settings) {
            o = o.with(s);
        }
        return SecurityWeights.of(o);
    }

    private static LabelledPost post(String confidence) {
        return new LabelledPost(
                "o/r-1",
                "github_issue",
                "o/r",
                null,
                "t",
                1,
                null,
                List.of(),
                List.of(),
                List.of(),
                null,
                confidence,
                null);
    }

    @Test
    void givenTheDefaults_thenEachKindOfPostWeighsItsOption() {
        SecurityWeights w = SecurityWeights.of(TrainerOptions.defaults());

        assertThat(w.weight(post("high"), true, false, false)).isEqualTo(5.0);
        assertThat(w.weight(post(null), false, false, false)).isEqualTo(0.1);
        assertThat(w.weight(post(null), false, true, false)).isEqualTo(0.4);
    }

    @Test
    void givenASoftWeight_thenOnlyAiProjectPostsLabelledWithLessThanHighConfidenceWeighLess() {
        SecurityWeights w = weights("softWeight=0.5");

        assertThat(w.weight(post("high"), true, false, false)).isEqualTo(5.0);
        assertThat(w.weight(post("medium"), true, false, false)).isEqualTo(2.5);
        assertThat(w.weight(post("low"), true, false, false)).isEqualTo(2.5);
        assertThat(w.weight(post(null), true, false, false))
                .as("no confidence recorded")
                .isEqualTo(5.0);
        assertThat(w.weight(post("low"), false, false, false))
                .as("a paper post")
                .isEqualTo(0.1);
    }

    @Test
    void givenNoWeightForPaperPostsOutsideCompatibility_thenTheyWeighAsTheOtherPaperPosts() {
        SecurityWeights w = SecurityWeights.of(TrainerOptions.defaults());

        assertThat(w.weight(post(null), false, false, true)).isEqualTo(w.weight(post(null), false, false, false));
    }

    @Test
    void givenAHeavierWeightForPaperPostsOutsideCompatibility_thenOnlyThoseWeighMore() {
        SecurityWeights w = weights("paperOutsideWeight=0.6");

        assertThat(w.weight(post(null), false, false, true)).isEqualTo(0.6);
        assertThat(w.weight(post(null), false, false, false)).isEqualTo(0.1);
    }

    @Test
    void givenPaperWeightZero_thenPaperPostsAreLeftOut() {
        SecurityWeights w = weights("paperWeight=0");

        assertThat(w.weight(post(null), false, false, false)).isZero();
        assertThat(w.weight(post(null), false, false, true)).isZero();
    }

    @Test
    void aWeightBelowItsRangeIsRefusedByName() {
        assertThatThrownBy(() -> weights("paperWeight=-0.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paperWeight");
        assertThatThrownBy(() -> weights("weakWeight=0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weakWeight");
        assertThatThrownBy(() -> weights("softWeight=0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("softWeight");
    }
}
