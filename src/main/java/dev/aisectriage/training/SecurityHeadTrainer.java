package dev.aisectriage.training;

import dev.aisectriage.classify.Features;
import dev.aisectriage.classify.KeywordStage;
import dev.aisectriage.classify.LinearHead;
import dev.aisectriage.classify.ModelArtefact;
import dev.aisectriage.classify.NeighbourIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * The security head: logistic regression with per-source weights, Platt-calibrated on out-of-fold scores of the
 * tuning posts, the threshold chosen for precision there, and the decisive-keyword rule.
 */
final class SecurityHeadTrainer {

    /** What the security stage learnt, and on how many rows. */
    record SecurityHead(
            LinearHead head,
            double threshold,
            double abstainFrom,
            OperatingPoint.Rates estimate,
            double knnWeight,
            ModelArtefact.DecisiveKeywords decisive,
            int rows,
            int tuningPosts,
            int[] tuningRows,
            double[] tuningProbabilities) {}

    private final TrainerOptions options;
    private final HeadFitter fitter;

    SecurityHeadTrainer(TrainerOptions options, HeadFitter fitter) {
        this.options = options;
        this.fitter = fitter;
    }

    /**
     * @param namesDecisive   per post of the set, whether its own sentences name a keyword of
     *                        {@link KeywordStage#DECISIVE}
     * @param asksAboutATopic per post, whether it is a question about a topic alone, which is never flagged nor put
     *                        in the abstain band (all false when that rule is off)
     */
    SecurityHead train(TrainingSet set, Features[] feats, int n, boolean[] namesDecisive, boolean[] asksAboutATopic) {
        SecurityWeights weights = SecurityWeights.of(options);
        List<Integer> rowList = new ArrayList<>();
        List<Double> weightList = new ArrayList<>();
        rows(set, weights, rowList, weightList);
        int[] rows = Rows.toArray(rowList);
        double[] weight = weightList.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
            y[j] = set.posts().get(rows[j]).isSecurity() == 1 ? 1 : 0;
        }
        double c = options.cSecurity();
        LinearHead raw = fitter.fitWeighted("security", feats, rows, y, weight, n, c);
        double[] vote = new double[rows.length];
        double[] oof = outOfFoldScores(set, feats, rows, y, weight, n, c, vote);
        List<Integer> tuneIdx = tuningRows(set, rows, y);
        double[] tScores = pick(oof, tuneIdx);
        double[] tY = pick(y, tuneIdx);
        double[] tVote = pick(vote, tuneIdx);
        double[] ab;
        double knnWeight = 0;
        if (options.knnSecurity()) {
            double[] abc = Calibration.logistic2(tScores, tVote, tY);
            ab = new double[] {abc[0], abc[2]};
            knnWeight = abc[1];
        } else {
            ab = Calibration.platt(tScores, tY);
        }
        LinearHead security = new LinearHead("security", raw.weights(), raw.bias(), ab[0], ab[1]);
        double[] tProb = new double[tScores.length];
        for (int j = 0; j < tProb.length; j++) {
            tProb[j] = LinearHead.sigmoid(ab[0] * tScores[j] + ab[1] + knnWeight * tVote[j]);
        }
        ModelArtefact.DecisiveKeywords decisive = options.decisiveKeywords()
                ? decisiveKeywords(set, namesDecisive, options.targetPrecision())
                : ModelArtefact.DecisiveKeywords.NONE;
        double[] p = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
            // a question about a topic alone is put under any band at prediction
            p[j] = asksAboutATopic[rows[j]] ? 0 : LinearHead.sigmoid(ab[0] * oof[j] + ab[1] + knnWeight * vote[j]);
        }
        OperatingPoint point = OperatingPoint.choose(
                operatingRows(set, rows, p, !decisive.names().isEmpty(), namesDecisive),
                OperatingPoint.Budget.of(options));
        int[] tuningRows = tuneIdx.stream().mapToInt(j -> rows[j]).toArray();
        return new SecurityHead(
                security,
                point.threshold(),
                point.abstainFrom(),
                point.estimate(),
                knnWeight,
                decisive,
                rows.length,
                tuneIdx.size(),
                tuningRows,
                tProb);
    }

    /** The security head's rows as the operating point sees them: probability, label and role of each. */
    private OperatingPoint.Rows operatingRows(
            TrainingSet set, int[] rows, double[] p, boolean rule, boolean[] namesDecisive) {
        int k = rows.length;
        boolean[] security = new boolean[k];
        boolean[] decisive = new boolean[k];
        boolean[] tune = new boolean[k];
        boolean[] ordinary = new boolean[k];
        boolean[] lookAlike = new boolean[k];
        for (int j = 0; j < k; j++) {
            int i = rows[j];
            LabelledPost post = set.posts().get(i);
            security[j] = Rows.isSecurity(post);
            decisive[j] = rule && namesDecisive[i];
            tune[j] = set.tune()[i] && (!options.thresholdOnConfident() || post.confident());
            ordinary[j] = set.weak()[i] || QuietReport.ORDINARY.equals(post.group());
            lookAlike[j] = QuietReport.LOOK_ALIKE.equals(post.group());
        }
        return new OperatingPoint.Rows(p, security, decisive, tune, ordinary, lookAlike);
    }

    /**
     * The decisive-keyword rule, kept only if the tuning posts that name one of {@link KeywordStage#DECISIVE} are
     * security at least as often as the target precision (Laplace-smoothed, and at least 10 such posts).
     */
    static ModelArtefact.DecisiveKeywords decisiveKeywords(
            TrainingSet set, boolean[] namesDecisive, double targetPrecision) {
        int posts = 0;
        int security = 0;
        for (int i = 0; i < set.size(); i++) {
            LabelledPost p = set.posts().get(i);
            if (set.tune()[i] && p.isSecurity() != null && namesDecisive[i]) {
                posts++;
                security += p.isSecurity();
            }
        }
        double precision = (security + 1.0) / (posts + 2.0);
        if (posts < 10 || precision < targetPrecision) {
            return ModelArtefact.DecisiveKeywords.NONE;
        }
        return new ModelArtefact.DecisiveKeywords(KeywordStage.DECISIVE, precision, posts);
    }

    /** The posts of the security head and their weights in its loss (a post of weight 0 is left out). */
    private void rows(TrainingSet set, SecurityWeights weights, List<Integer> rows, List<Double> weight) {
        for (int i = 0; i < set.size(); i++) {
            LabelledPost p = set.posts().get(i);
            if (p.isSecurity() != null && (options.useWeakNegatives() || !set.weak()[i])) {
                boolean outside = p.issueCodes().stream().noneMatch(QuietReport.COMPATIBILITY_CODES::contains)
                        && (options.paperOutsideResources() || !p.issueCodes().contains(QuietReport.RESOURCE_CODE));
                double w = weights.weight(p, set.tune()[i], set.weak()[i], outside);
                if (w > 0) {
                    rows.add(i);
                    weight.add(w);
                }
            }
        }
    }

    /** Positions of the tuning posts among the rows, or all rows when the tuning posts lack a class. */
    private static List<Integer> tuningRows(TrainingSet set, int[] rows, double[] y) {
        List<Integer> tuneIdx = new ArrayList<>();
        for (int j = 0; j < rows.length; j++) {
            if (set.tune()[rows[j]]) {
                tuneIdx.add(j);
            }
        }
        if (!hasBothClasses(tuneIdx, y)) {
            tuneIdx.clear();
            for (int j = 0; j < rows.length; j++) {
                tuneIdx.add(j);
            }
        }
        return tuneIdx;
    }

    private static double[] pick(double[] values, List<Integer> idx) {
        double[] out = new double[idx.size()];
        for (int j = 0; j < idx.size(); j++) {
            out[j] = values[idx.get(j)];
        }
        return out;
    }

    private static boolean hasBothClasses(List<Integer> idx, double[] y) {
        boolean pos = false;
        boolean neg = false;
        for (int j : idx) {
            pos |= y[j] == 1;
            neg |= y[j] == 0;
        }
        return pos && neg;
    }

    /**
     * Out-of-fold decision values of the security head, folds grouped by repository; {@code vote} receives each
     * row's out-of-fold neighbour vote (security share among the 15 nearest labelled, non-weak training posts).
     */
    private double[] outOfFoldScores(
            TrainingSet set,
            Features[] feats,
            int[] rows,
            double[] y,
            double[] weight,
            int n,
            double c,
            double[] vote) {
        int k = options.innerFolds();
        int[] fold = GroupedFolds.assign(Rows.posts(set, rows), k, options.seed() + 1);
        double[] out = new double[rows.length];
        for (int f = 0; f < k; f++) {
            List<Integer> tr = Rows.outsideFold(fold, f);
            int[] trRows = new int[tr.size()];
            double[] trY = new double[tr.size()];
            double[] trWeight = new double[tr.size()];
            for (int j = 0; j < tr.size(); j++) {
                trRows[j] = rows[tr.get(j)];
                trY[j] = y[tr.get(j)];
                trWeight[j] = weight[tr.get(j)];
            }
            LinearHead h = fitter.fitWeighted("oof", feats, trRows, trY, trWeight, n, c);
            NeighbourIndex index = options.knnSecurity() ? Rows.neighbourIndex(set, trRows) : null;
            for (int j = 0; j < rows.length; j++) {
                if (fold[j] == f) {
                    out[j] = h.score(feats[rows[j]]);
                    if (index != null) {
                        vote[j] = index.securityVote(index.search(set.embeddings()[rows[j]], 15));
                    }
                }
            }
        }
        return out;
    }
}
