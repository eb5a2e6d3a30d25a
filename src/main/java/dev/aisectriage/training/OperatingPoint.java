package dev.aisectriage.training;

import dev.aisectriage.classify.Metrics;
import java.util.Arrays;

/**
 * Where the security head flags a post and where it leaves one to a maintainer (the abstain band), chosen on
 * out-of-fold probabilities for a real tracker, where security reports are 1 to 3% of the posts: the flag threshold
 * is the one with the best MCC on the AI-project posts among those that keep their precision at the target and flag
 * few ordinary posts and few look-alikes; the band's lower edge is the lowest that keeps needs-triage rare on ordinary
 * posts and on look-alikes.
 *
 * @param threshold   the probability from which a post is flagged
 * @param abstainFrom the probability from which a post not flagged gets needs-triage
 * @param estimate    the out-of-fold rates at this point: precision and recall on the AI-project posts, flagged and
 *                    needs-triage shares of ordinary posts and of look-alikes
 */
record OperatingPoint(double threshold, double abstainFrom, Rates estimate) {

    /** The band's edge when no ordinary post says where it should be (the round-3 default). */
    static final double DEFAULT_ABSTAIN_FROM = 0.35;

    /** Out-of-fold rates at an operating point. */
    record Rates(
            double precision,
            double recall,
            double ordinaryFlagged,
            double ordinaryAbstained,
            double lookAlikeFlagged,
            double lookAlikeFlaggedOrAbstained) {}

    /**
     * Which posts of the security head's rows are which, and what they are.
     *
     * @param p         out-of-fold calibrated probability
     * @param security  the label
     * @param decisive  flagged whatever its probability (it names a decisive keyword and the rule is on)
     * @param tune      an AI-project post, where precision and MCC are measured
     * @param ordinary  an ordinary post of a tracker's stream (a weak negative, or a post of the ordinary group)
     * @param lookAlike a post of the look-alike group
     */
    record Rows(
            double[] p,
            boolean[] security,
            boolean[] decisive,
            boolean[] tune,
            boolean[] ordinary,
            boolean[] lookAlike) {}

    /** The budgets an operating point must keep, out of fold. */
    record Budget(
            double targetPrecision,
            double ordinaryFlagged,
            double ordinaryAbstained,
            double lookAlikeFlagged,
            double lookAlikeFlaggedOrAbstained) {

        static Budget of(TrainerOptions o) {
            return new Budget(
                    o.targetPrecision(),
                    o.ordinaryFlaggedMax(),
                    o.ordinaryAbstainedMax(),
                    o.lookAlikeFlaggedMax(),
                    o.lookAlikeEitherMax());
        }
    }

    static OperatingPoint choose(Rows rows, Budget budget) {
        double threshold = threshold(rows, budget);
        double abstainFrom = abstainFrom(rows, budget, threshold);
        return new OperatingPoint(threshold, abstainFrom, rates(rows, threshold, abstainFrom));
    }

    /**
     * The candidate (midpoints between the AI-project posts' sorted probabilities) with the best MCC among those
     * within every budget; failing that, within the stream's budgets; failing that, the best MCC at the target
     * precision alone (the round-3 rule).
     */
    private static double threshold(Rows rows, Budget budget) {
        double[] sorted = Arrays.stream(indices(rows.tune()))
                .mapToDouble(j -> rows.p()[j])
                .sorted()
                .toArray();
        double best = Double.NaN;
        double bestMcc = -2;
        double quietBest = Double.NaN;
        double quietMcc = -2;
        for (int i = 0; i < sorted.length; i++) {
            double t = i == 0 ? sorted[0] : (sorted[i - 1] + sorted[i]) / 2;
            Rates r = rates(rows, t, t);
            double mcc = mcc(rows, t);
            boolean quiet = r.ordinaryFlagged() <= budget.ordinaryFlagged()
                    && r.lookAlikeFlagged() <= budget.lookAlikeFlagged();
            if (quiet && r.precision() >= budget.targetPrecision() && mcc > bestMcc) {
                bestMcc = mcc;
                best = t;
            }
            if (quiet && mcc > quietMcc) {
                quietMcc = mcc;
                quietBest = t;
            }
        }
        if (!Double.isNaN(best)) {
            return best;
        }
        if (!Double.isNaN(quietBest)) {
            return quietBest;
        }
        double[] p = Arrays.stream(indices(rows.tune()))
                .mapToDouble(j -> rows.p()[j])
                .toArray();
        double[] y = Arrays.stream(indices(rows.tune()))
                .mapToDouble(j -> rows.security()[j] ? 1 : 0)
                .toArray();
        return Calibration.thresholdForPrecision(p, y, budget.targetPrecision());
    }

    /** The lowest edge, in steps of 0.01, that keeps needs-triage within its budgets; the default without data. */
    private static double abstainFrom(Rows rows, Budget budget, double threshold) {
        if (indices(rows.ordinary()).length == 0) {
            return Math.min(DEFAULT_ABSTAIN_FROM, threshold);
        }
        double edge = threshold;
        for (int step = (int) Math.floor(threshold * 100); step >= 1; step--) {
            double a = step / 100.0;
            Rates r = rates(rows, threshold, a);
            if (r.ordinaryAbstained() > budget.ordinaryAbstained()
                    || r.lookAlikeFlaggedOrAbstained() > budget.lookAlikeFlaggedOrAbstained()) {
                break;
            }
            edge = a;
        }
        return edge;
    }

    private static boolean flagged(Rows rows, int j, double threshold) {
        return rows.decisive()[j] || rows.p()[j] >= threshold;
    }

    static Rates rates(Rows rows, double threshold, double abstainFrom) {
        long tp = 0;
        long fp = 0;
        long fn = 0;
        double[] ordinary = new double[3];
        double[] lookAlike = new double[3];
        for (int j = 0; j < rows.p().length; j++) {
            boolean flag = flagged(rows, j, threshold);
            boolean abstain = !flag && rows.p()[j] >= abstainFrom;
            if (rows.tune()[j]) {
                tp += flag && rows.security()[j] ? 1 : 0;
                fp += flag && !rows.security()[j] ? 1 : 0;
                fn += !flag && rows.security()[j] ? 1 : 0;
            }
            count(rows.ordinary()[j], flag, abstain, ordinary);
            count(rows.lookAlike()[j], flag, abstain, lookAlike);
        }
        return new Rates(
                Metrics.precision(tp, fp),
                Metrics.recall(tp, fn),
                share(ordinary[1], ordinary[0]),
                share(ordinary[2], ordinary[0]),
                share(lookAlike[1], lookAlike[0]),
                share(lookAlike[1] + lookAlike[2], lookAlike[0]));
    }

    private static void count(boolean member, boolean flag, boolean abstain, double[] c) {
        if (member) {
            c[0]++;
            c[1] += flag ? 1 : 0;
            c[2] += abstain ? 1 : 0;
        }
    }

    private static double share(double k, double n) {
        return n == 0 ? 0 : k / n;
    }

    private static double mcc(Rows rows, double threshold) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (int j : indices(rows.tune())) {
            boolean flag = flagged(rows, j, threshold);
            boolean truth = rows.security()[j];
            tp += flag && truth ? 1 : 0;
            fp += flag && !truth ? 1 : 0;
            fn += !flag && truth ? 1 : 0;
            tn += !flag && !truth ? 1 : 0;
        }
        return Metrics.mcc(tp, fp, tn, fn);
    }

    private static int[] indices(boolean[] member) {
        int n = 0;
        for (boolean m : member) {
            n += m ? 1 : 0;
        }
        int[] out = new int[n];
        int k = 0;
        for (int j = 0; j < member.length; j++) {
            if (member[j]) {
                out[k++] = j;
            }
        }
        return out;
    }
}
