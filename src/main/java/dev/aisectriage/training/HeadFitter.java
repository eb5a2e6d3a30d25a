package dev.aisectriage.training;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import de.bwaldvogel.liblinear.WeightedLogisticRegression;
import dev.aisectriage.classify.Features;
import dev.aisectriage.classify.LinearHead;
import java.util.Random;

/** Fits one logistic-regression head with liblinear over precomputed sparse features. Deterministic per seed. */
final class HeadFitter {

    static {
        Linear.disableDebugOutput();
    }

    private final long seed;
    private final boolean regularizeBias;

    HeadFitter(long seed, boolean regularizeBias) {
        this.seed = seed;
        this.regularizeBias = regularizeBias;
    }

    /**
     * L2-regularised logistic regression; a head whose training side has one class only scores a constant. The
     * positive class is weighted {@code (negatives / positives)^power}: 0 leaves classes as they are, 1 balances them.
     */
    LinearHead fit(String label, Features[] feats, int[] rows, double[] y, int n, double c, double power) {
        int pos = positives(y);
        if (pos == 0 || pos == y.length) {
            return constant(label, pos, y.length, n);
        }
        Parameter param = new Parameter(SolverType.L2R_LR, c, 0.001);
        param.setRandom(new Random(seed));
        // A regularised bias pulls every head towards p = 0.5, which inflates rare themes when heads are compared.
        param.setRegularizeBias(regularizeBias);
        if (power > 0) {
            param.setWeights(new double[] {Math.pow((double) (y.length - pos) / pos, power), 1.0}, new int[] {1, 0});
        }
        Model model = Linear.train(problem(feats, rows, y, n), param);
        int labelIndex = model.getLabels()[0] == 1 ? 0 : 1;
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) model.getDecfunCoef(i + 1, labelIndex);
        }
        // The bias column is the problem's last feature: liblinear reports its weight as the bias, not as a
        // coefficient (getDecfunCoef(n + 1, ...) is 0).
        double bias = model.getDecfunBias(labelIndex);
        return new LinearHead(label, w, bias, 1.0, 0.0);
    }

    /**
     * L2-regularised logistic regression where row j weighs {@code weight[j]}: C times the weight is its cost in
     * the loss, as if it were repeated that many times.
     */
    LinearHead fitWeighted(String label, Features[] feats, int[] rows, double[] y, double[] weight, int n, double c) {
        int pos = positives(y);
        if (pos == 0 || pos == y.length) {
            return constant(label, pos, y.length, n);
        }
        double[] signed = new double[y.length];
        double[] cost = new double[y.length];
        for (int j = 0; j < y.length; j++) {
            signed[j] = y[j] == 1 ? 1 : -1;
            cost[j] = c * weight[j];
        }
        double[] w = WeightedLogisticRegression.fit(problem(feats, rows, signed, n), cost, 0.001, regularizeBias);
        float[] weights = new float[n];
        for (int i = 0; i < n; i++) {
            weights[i] = (float) w[i];
        }
        return new LinearHead(label, weights, w[n], 1.0, 0.0);
    }

    private static int positives(double[] y) {
        int pos = 0;
        for (double v : y) {
            pos += v == 1 ? 1 : 0;
        }
        return pos;
    }

    /** A head for a training side of one class: it scores the smoothed prior of that side. */
    private static LinearHead constant(String label, int pos, int rows, int n) {
        double prior = (pos + 0.5) / (rows + 1.0);
        return new LinearHead(label, new float[n], Math.log(prior / (1 - prior)), 1.0, 0.0);
    }

    private static Problem problem(Features[] feats, int[] rows, double[] y, int n) {
        Problem problem = new Problem();
        problem.l = rows.length;
        problem.n = n + 1;
        problem.bias = 1.0;
        problem.y = y.clone();
        problem.x = new Feature[rows.length][];
        for (int j = 0; j < rows.length; j++) {
            Features f = feats[rows[j]];
            Feature[] x = new Feature[f.indices().length + 1];
            for (int k = 0; k < f.indices().length; k++) {
                x[k] = new FeatureNode(f.indices()[k] + 1, f.values()[k]);
            }
            x[x.length - 1] = new FeatureNode(n + 1, 1.0);
            problem.x[j] = x;
        }
        return problem;
    }
}
