package dev.aisectriage.training;

import dev.aisectriage.classify.Metrics;
import dev.aisectriage.classify.Theme;

/** Fits the per-theme offsets that {@link dev.aisectriage.classify.ThemeBlend} applies at prediction. */
final class ThemeOffsets {

    private ThemeOffsets() {}

    /**
     * Per-theme log offsets that maximise the mean of primary-theme accuracy and macro-F1 on out-of-fold
     * probabilities: coordinate search over [-1, 1] in steps of 0.05, three passes, ties kept at the smaller change.
     */
    static double[] fit(double[][] probabilities, int[] truth) {
        int k = Theme.values().length;
        double[] offsets = new double[k];
        double best = objective(probabilities, truth, offsets);
        for (int pass = 0; pass < 3; pass++) {
            for (int t = 0; t < k; t++) {
                double keep = offsets[t];
                double bestValue = keep;
                for (int step = -20; step <= 20; step++) {
                    offsets[t] = step * 0.05;
                    double score = objective(probabilities, truth, offsets);
                    if (score > best + 1e-9) {
                        best = score;
                        bestValue = offsets[t];
                    }
                }
                offsets[t] = bestValue;
            }
        }
        return offsets;
    }

    private static double objective(double[][] probabilities, int[] truth, double[] offsets) {
        int k = offsets.length;
        long[] tp = new long[k];
        long[] fp = new long[k];
        long[] fn = new long[k];
        long correct = 0;
        for (int i = 0; i < truth.length; i++) {
            int arg = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < k; t++) {
                double v = probabilities[i][t] * Math.exp(offsets[t]);
                if (v > max) {
                    max = v;
                    arg = t;
                }
            }
            if (arg == truth[i]) {
                correct++;
                tp[arg]++;
            } else {
                fp[arg]++;
                fn[truth[i]]++;
            }
        }
        double f1 = 0;
        int present = 0;
        for (int t = 0; t < k; t++) {
            if (tp[t] + fn[t] > 0) {
                f1 += Metrics.f1(tp[t], fp[t], fn[t]);
                present++;
            }
        }
        double accuracy = truth.length == 0 ? 0 : (double) correct / truth.length;
        return (accuracy + (present == 0 ? 0 : f1 / present)) / 2;
    }
}
