package dev.aisectriage.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.classify.LinearHead;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void plattRecoversAKnownSigmoid() {
        // given scores whose true probability is sigmoid(2s - 1)
        Random rnd = new Random(7);
        int n = 20_000;
        double[] s = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = rnd.nextGaussian() * 2;
            y[i] = rnd.nextDouble() < LinearHead.sigmoid(2 * s[i] - 1) ? 1 : 0;
        }

        double[] ab = Calibration.platt(s, y);

        assertThat(ab[0]).isBetween(1.85, 2.15);
        assertThat(ab[1]).isBetween(-1.15, -0.85);
    }

    @Test
    void plattStaysFiniteOnSeparableScores() {
        double[] s = {-30, -20, -10, 10, 20, 30};
        double[] y = {0, 0, 0, 1, 1, 1};

        double[] ab = Calibration.platt(s, y);

        assertThat(ab[0]).isFinite().isPositive();
        assertThat(LinearHead.sigmoid(ab[0] * 10 + ab[1])).isGreaterThan(0.5);
    }

    @Test
    void thresholdMeetsTheTargetPrecisionWhenItCan() {
        double[] p = {0.95, 0.9, 0.85, 0.8, 0.7, 0.6, 0.4, 0.3};
        double[] y = {1, 1, 1, 0, 1, 0, 1, 0};

        double t = Calibration.thresholdForPrecision(p, y, 0.92);

        // Only thresholds above 0.8 give precision 1.0 (3 of 3); the best MCC among them keeps all three.
        assertThat(t).isGreaterThan(0.8).isLessThanOrEqualTo(0.85);
    }

    @Test
    void twoInputCalibrationRecoversBothWeights() {
        // given p = sigmoid(1.5 s + 2 v - 1)
        Random rnd = new Random(11);
        int n = 20_000;
        double[] s = new double[n];
        double[] v = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = rnd.nextGaussian();
            v[i] = rnd.nextDouble();
            y[i] = rnd.nextDouble() < LinearHead.sigmoid(1.5 * s[i] + 2 * v[i] - 1) ? 1 : 0;
        }

        double[] acb = Calibration.logistic2(s, v, y);

        assertThat(acb[0]).isBetween(1.35, 1.65);
        assertThat(acb[1]).isBetween(1.7, 2.3);
        assertThat(acb[2]).isBetween(-1.2, -0.8);
    }
}
