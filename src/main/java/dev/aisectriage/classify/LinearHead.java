package dev.aisectriage.classify;

/**
 * A logistic-regression head over the feature vector, with Platt scaling ({@code sigmoid(a * score + b)}) fitted on
 * out-of-fold scores. Immutable.
 */
public record LinearHead(String label, float[] weights, double bias, double plattA, double plattB) {

    public double score(Features f) {
        double s = bias;
        int[] idx = f.indices();
        float[] val = f.values();
        for (int k = 0; k < idx.length; k++) {
            s += weights[idx[k]] * val[k];
        }
        return s;
    }

    public double probability(Features f) {
        return sigmoid(plattA * score(f) + plattB);
    }

    public static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }
}
