package dev.aisectriage.classify;

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

    @Test
    void equalWeightsKeepOneCopyOfEachPostAndTheGivenC() {
        SecurityWeights w = weights("tuneReplicas=1", "paperWeight=1", "weakWeight=1");

        assertThat(w.copies(true, false)).isEqualTo(1);
        assertThat(w.copies(false, false)).isEqualTo(1);
        assertThat(w.copies(false, true)).isEqualTo(1);
        assertThat(w.cScale()).isEqualTo(1.0);
    }

    @Test
    void theDefaultsBecomeExactCopiesWithCScaledByTheLightestWeight() {
        SecurityWeights w = SecurityWeights.of(TrainerOptions.defaults());

        // AI issues 3, paper posts 0.2, weak negatives 0.4: one copy weighs 0.2.
        assertThat(w.copies(true, false)).isEqualTo(15);
        assertThat(w.copies(false, false)).isEqualTo(1);
        assertThat(w.copies(false, true)).isEqualTo(2);
        assertThat(w.cScale()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void weightsThatAreNotMultiplesOfTheLightestUseAFinerCopy() {
        SecurityWeights w = weights("tuneReplicas=3", "paperWeight=0.2", "weakWeight=0.3");

        // 3 : 0.2 : 0.3 is 30 : 2 : 3 copies of 0.1 each, not 15 : 1 : 2 (which would make weak negatives 0.4).
        assertThat(w.copies(true, false)).isEqualTo(30);
        assertThat(w.copies(false, false)).isEqualTo(2);
        assertThat(w.copies(false, true)).isEqualTo(3);
        assertThat(w.cScale()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
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
