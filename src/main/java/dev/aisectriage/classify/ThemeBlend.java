package dev.aisectriage.classify;

/** How the theme heads, the neighbours' theme vote and the per-theme offsets become theme probabilities. */
public final class ThemeBlend {

    private ThemeBlend() {}

    /**
     * Normalises the heads' sigmoid outputs, mixes in the neighbours' vote with weight {@code gamma} (vote may be
     * null), multiplies each theme by {@code exp(offset)} and normalises again.
     */
    public static double[] probabilities(double[] sigmoids, double[] vote, double gamma, double[] offsets) {
        int k = sigmoids.length;
        double[] p = new double[k];
        double sum = 0;
        for (double v : sigmoids) {
            sum += v;
        }
        for (int t = 0; t < k; t++) {
            p[t] = sum > 0 ? sigmoids[t] / sum : 1.0 / k;
            if (vote != null) {
                p[t] = (1 - gamma) * p[t] + gamma * vote[t];
            }
        }
        if (offsets == null) {
            return p;
        }
        double total = 0;
        for (int t = 0; t < k; t++) {
            p[t] *= Math.exp(offsets[t]);
            total += p[t];
        }
        for (int t = 0; t < k; t++) {
            p[t] /= total;
        }
        return p;
    }
}
