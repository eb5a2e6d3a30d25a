package dev.aisectriage.classify;

/** Small metric helpers shared by training and evaluation. */
public final class Metrics {

    private Metrics() {}

    /** Matthews correlation coefficient; 0 when a margin is empty. */
    public static double mcc(long tp, long fp, long tn, long fn) {
        double den = Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
        return den == 0 ? 0 : (tp * (double) tn - fp * (double) fn) / den;
    }

    public static double precision(long tp, long fp) {
        return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    }

    public static double recall(long tp, long fn) {
        return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
    }

    public static double f1(long tp, long fp, long fn) {
        double p = precision(tp, fp);
        double r = recall(tp, fn);
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Nearest-rank percentile of already sorted values. */
    public static double percentile(double[] sorted, double pct) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(pct / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
