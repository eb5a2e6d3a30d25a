package de.bwaldvogel.liblinear;

/**
 * L2-regularised logistic regression with a cost per instance, solved by liblinear's own Newton method. liblinear
 * (2.44) computes every instance's cost internally but only lets callers set one per class; this class lives in its
 * package to reach the solver with per-instance costs. The objective is exactly the one liblinear minimises when each
 * instance is repeated in proportion to its cost, without building the copies.
 */
public final class WeightedLogisticRegression {

    private WeightedLogisticRegression() {}

    /**
     * Minimises {@code ½‖w‖² + Σᵢ cost[i]·log(1 + exp(−yᵢ w·xᵢ))}.
     *
     * @param problem         instances with labels +1 or −1 ({@code problem.bias} as liblinear uses it)
     * @param cost            per instance, C times its weight; every one above 0
     * @param eps             liblinear's stopping tolerance ({@code Parameter.eps})
     * @param regularizeBias  whether the bias feature is regularised like the others
     * @return the weights, one per feature of {@code problem} (the bias last when {@code problem.bias >= 0})
     */
    public static double[] fit(Problem problem, double[] cost, double eps, boolean regularizeBias) {
        if (cost.length != problem.l) {
            throw new IllegalArgumentException("one cost per instance: " + cost.length + " for " + problem.l);
        }
        double pos = 0;
        double all = 0;
        for (int i = 0; i < problem.l; i++) {
            if (!(cost[i] > 0)) {
                throw new IllegalArgumentException("instance " + i + " has cost " + cost[i]);
            }
            if (problem.y[i] != 1 && problem.y[i] != -1) {
                throw new IllegalArgumentException("instance " + i + " has label " + problem.y[i] + ", not +1 or -1");
            }
            pos += problem.y[i] > 0 ? cost[i] : 0;
            all += cost[i];
        }
        Parameter param = new Parameter(SolverType.L2R_LR, 1.0, eps);
        param.setRegularizeBias(regularizeBias);
        // liblinear's tolerance, eps · min(#pos, #neg) / #instances, with each instance counted by its cost.
        double smallest = Double.MAX_VALUE;
        for (double c : cost) {
            smallest = Math.min(smallest, c);
        }
        double minority = Math.max(Math.min(pos, all - pos) / smallest, 1);
        double tolerance = eps * minority / (all / smallest);
        double[] w = new double[problem.n];
        new Newton(new L2R_LrFunction(problem, param, cost.clone()), tolerance, param.getMaxIters()).newton(w);
        return w;
    }
}
