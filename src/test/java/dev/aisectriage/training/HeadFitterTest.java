package dev.aisectriage.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.aisectriage.classify.Features;
import dev.aisectriage.classify.LinearHead;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HeadFitterTest {

    private static final int N = 6;

    /** 40 posts over 6 features, the label a noisy linear function of them. */
    private static Features[] posts(double[] y) {
        Random r = new Random(3);
        Features[] f = new Features[y.length];
        for (int i = 0; i < y.length; i++) {
            float[] v = new float[N];
            double s = 0;
            for (int d = 0; d < N; d++) {
                v[d] = (float) r.nextGaussian();
                s += (d % 2 == 0 ? 1 : -0.5) * v[d];
            }
            y[i] = s + 0.5 * r.nextGaussian() > 0 ? 1 : 0;
            f[i] = new Features(new int[] {0, 1, 2, 3, 4, 5}, v);
        }
        return f;
    }

    @Test
    void givenWeights_whenFitted_thenTheHeadIsTheOneFittedOnThatManyCopies() {
        // given 40 posts, the first ten weighing 3 and the rest 1
        double[] y = new double[40];
        Features[] feats = posts(y);
        int[] rows = new int[40];
        double[] weight = new double[40];
        List<Integer> copies = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows[i] = i;
            weight[i] = i < 10 ? 3 : 1;
            for (int c = 0; c < weight[i]; c++) {
                copies.add(i);
            }
        }
        int[] copyRows = copies.stream().mapToInt(Integer::intValue).toArray();
        double[] copyY = copies.stream().mapToDouble(i -> y[i]).toArray();
        HeadFitter fitter = new HeadFitter(42, true);

        // when fitted once with weights and once on copies
        LinearHead weighted = fitter.fitWeighted("w", feats, rows, y, weight, N, 0.7);
        LinearHead copied = fitter.fit("c", feats, copyRows, copyY, N, 0.7, 0);

        // then both minimise the same loss
        for (int d = 0; d < N; d++) {
            assertThat((double) weighted.weights()[d]).isCloseTo(copied.weights()[d], within(2e-3));
        }
        assertThat(weighted.bias()).isCloseTo(copied.bias(), within(2e-3));
        assertThat(weighted.weights()[0]).isPositive();
        assertThat(weighted.weights()[1]).isNegative();
    }

    @Test
    void givenOnlyOneClass_whenFitted_thenTheHeadScoresTheSmoothedPrior() {
        double[] y = new double[40];
        Features[] feats = posts(y);
        java.util.Arrays.fill(y, 0);
        double[] weight = new double[40];
        java.util.Arrays.fill(weight, 2);

        LinearHead h = new HeadFitter(42, true).fitWeighted("w", feats, new int[40], y, weight, N, 1);

        assertThat(h.bias()).isCloseTo(Math.log(0.5 / 40.5), within(1e-9));
        assertThat(h.weights()).containsOnly(0f);
    }
}
