package dev.aisectriage.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OperatingPointTest {

    /** Budgets: precision 0.9, ordinary flagged 1%, needs-triage 5%, look-alikes flagged 20%, either 40%. */
    private static final OperatingPoint.Budget BUDGET = new OperatingPoint.Budget(0.9, 0.01, 0.05, 0.2, 0.4);

    /**
     * 20 AI-project posts (security at 0.55 to 0.95, not security at 0.05 to 0.45), then 100 ordinary posts and 10
     * look-alikes with the given probabilities.
     */
    private static OperatingPoint.Rows rows(double ordinaryHigh, double lookAlikeP) {
        int n = 20 + 100 + 10;
        double[] p = new double[n];
        boolean[] security = new boolean[n];
        boolean[] tune = new boolean[n];
        boolean[] ordinary = new boolean[n];
        boolean[] lookAlike = new boolean[n];
        for (int j = 0; j < 20; j++) {
            tune[j] = true;
            security[j] = j < 10;
            p[j] = security[j] ? 0.55 + 0.04 * j : 0.05 + 0.04 * (j - 10);
        }
        for (int j = 20; j < 120; j++) {
            ordinary[j] = true;
            // three ordinary posts score high, the rest low
            p[j] = j < 23 ? ordinaryHigh : 0.01;
        }
        for (int j = 120; j < n; j++) {
            lookAlike[j] = true;
            p[j] = lookAlikeP;
        }
        return new OperatingPoint.Rows(p, security, new boolean[n], tune, ordinary, lookAlike);
    }

    @Test
    void givenSeparableAiPostsAndAQuietStream_thenTheThresholdSeparatesThem() {
        OperatingPoint point = OperatingPoint.choose(rows(0.02, 0.02), BUDGET);

        assertThat(point.threshold()).isBetween(0.45, 0.55);
        assertThat(point.estimate().precision()).isEqualTo(1.0);
        assertThat(point.estimate().recall()).isEqualTo(1.0);
    }

    @Test
    void givenOrdinaryPostsScoringHigh_thenTheThresholdRisesAboveThem() {
        // three of 100 ordinary posts at 0.7: flagging them would break the 1% budget
        OperatingPoint point = OperatingPoint.choose(rows(0.7, 0.02), BUDGET);

        assertThat(point.threshold()).isGreaterThan(0.7);
        assertThat(point.estimate().ordinaryFlagged()).isLessThanOrEqualTo(0.01);
        assertThat(point.estimate().recall()).isLessThan(1.0);
    }

    @Test
    void givenTheBand_thenItsEdgeIsTheLowestWithinTheNeedsTriageBudgets() {
        // ordinary posts at 0.3 (3%) fit the 5% needs-triage budget; look-alikes at 0.2 all in the band would not
        OperatingPoint point = OperatingPoint.choose(rows(0.3, 0.2), BUDGET);

        assertThat(point.abstainFrom()).isCloseTo(0.21, within(1e-9));
        assertThat(point.estimate().ordinaryAbstained()).isCloseTo(0.03, within(1e-9));
        assertThat(point.estimate().lookAlikeFlaggedOrAbstained()).isZero();
    }

    @Test
    void givenDecisivePosts_thenTheyCountAsFlaggedWhateverTheirProbability() {
        OperatingPoint.Rows r = rows(0.02, 0.02);
        r.decisive()[25] = true;

        OperatingPoint.Rates rates = OperatingPoint.rates(r, 0.5, 0.4);

        assertThat(rates.ordinaryFlagged()).isCloseTo(0.01, within(1e-9));
    }
}
