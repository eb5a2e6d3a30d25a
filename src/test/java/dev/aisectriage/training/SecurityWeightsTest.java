package dev.aisectriage.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecurityWeightsTest {

    private static SecurityWeights weights(String... settings) {
        TrainerOptions o = TrainerOptions.defaults();
        for (String s : settings) {
            o = o.with(s);
        }
        return SecurityWeights.of(o);
    }

    private static void assertCopies(SecurityWeights w, int aiIssues, int paperPosts, int weakNegatives, double c) {
        assertThat(w.copies(true, false)).as("AI-project issue copies").isEqualTo(aiIssues);
        assertThat(w.copies(false, false)).as("paper post copies").isEqualTo(paperPosts);
        assertThat(w.copies(false, true)).as("weak negative copies").isEqualTo(weakNegatives);
        assertThat(w.cScale()).as("C scale").isCloseTo(c, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void equalWeightsKeepOneCopyOfEachPostAndTheGivenC() {
        SecurityWeights w = weights("tuneReplicas=1", "paperWeight=1", "weakWeight=1");

        assertCopies(w, 1, 1, 1, 1.0);
    }

    @Test
    void theDefaultsBecomeExactCopiesWithCScaledByTheLightestWeight() {
        SecurityWeights w = SecurityWeights.of(TrainerOptions.defaults());

        // AI issues 3, paper posts 0.2, weak negatives 0.4: one copy weighs 0.2.
        assertCopies(w, 15, 1, 2, 0.2);
    }

    @Test
    void weightsThatAreNotMultiplesOfTheLightestUseAFinerCopy() {
        SecurityWeights w = weights("tuneReplicas=3", "paperWeight=0.2", "weakWeight=0.3");

        // 3 : 0.2 : 0.3 is 30 : 2 : 3 copies of 0.1 each, not 15 : 1 : 2 (which would make weak negatives 0.4).
        assertCopies(w, 30, 2, 3, 0.1);
    }

    @Test
    void givenNoWeightForPaperPostsOutsideCompatibility_thenTheyWeighAsTheOtherPaperPosts() {
        SecurityWeights w = SecurityWeights.of(TrainerOptions.defaults());

        assertThat(w.copies(false, false, true)).isEqualTo(w.copies(false, false, false));
    }

    @Test
    void givenAHeavierWeightForPaperPostsOutsideCompatibility_thenOnlyThoseGetMoreCopies() {
        SecurityWeights w = weights("paperOutsideWeight=0.6");

        // AI issues 3, paper posts 0.2 (outside compatibility 0.6), weak negatives 0.4: one copy weighs 0.2.
        assertCopies(w, 15, 1, 2, 0.2);
        assertThat(w.copies(false, false, true))
                .as("paper posts outside compatibility")
                .isEqualTo(3);
    }

    @Test
    void aWeightOfZeroOrBelowIsRefusedByName() {
        assertThatThrownBy(() -> weights("paperWeight=0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("paperWeight");
        assertThatThrownBy(() -> weights("weakWeight=-1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("weakWeight");
    }
}
