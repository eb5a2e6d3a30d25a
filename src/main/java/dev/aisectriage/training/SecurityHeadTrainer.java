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
            double knnWeight,
            ModelArtefact.DecisiveKeywords decisive,
            int rows,
            int tuningPosts,
            double cPerCopy,
            int[] tuningRows,
            double[] tuningProbabilities) {}

    private final TrainerOptions options;
    private final HeadFitter fitter;

    SecurityHeadTrainer(TrainerOptions options, HeadFitter fitter) {
        this.options = options;
        this.fitter = fitter;
    }

    SecurityHead train(TrainingSet set, Features[] feats, int n, KeywordStage keywords) {
        SecurityWeights weights = SecurityWeights.of(options);
        int[] rows = rows(set, weights);
        double[] y = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
            y[j] = set.posts().get(rows[j]).isSecurity() == 1 ? 1 : 0;
        }
        double c = options.cSecurity() * weights.cScale();
        LinearHead raw = fitter.fit("security", feats, rows, y, n, c, 0);
        double[] vote = new double[rows.length];
        double[] oof = outOfFoldScores(set, feats, rows, y, n, c, vote);
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
        double threshold = Calibration.thresholdForPrecision(tProb, tY, options.targetPrecision());
        ModelArtefact.DecisiveKeywords decisive = options.decisiveKeywords()
                ? decisiveKeywords(set, keywords, options.targetPrecision())
                : ModelArtefact.DecisiveKeywords.NONE;
        int[] tuningRows = tuneIdx.stream().mapToInt(j -> rows[j]).toArray();
        return new SecurityHead(
                security, threshold, knnWeight, decisive, rows.length, tuneIdx.size(), c, tuningRows, tProb);
    }

    /**
     * The decisive-keyword rule, kept only if the tuning posts that name one of {@link KeywordStage#DECISIVE} are
     * security at least as often as the target precision (Laplace-smoothed, and at least 10 such posts).
     */
    static ModelArtefact.DecisiveKeywords decisiveKeywords(
            TrainingSet set, KeywordStage keywords, double targetPrecision) {
        ModelArtefact.DecisiveKeywords candidate = new ModelArtefact.DecisiveKeywords(KeywordStage.DECISIVE, 0, 0);
        int posts = 0;
        int security = 0;
        for (int i = 0; i < set.size(); i++) {
            LabelledPost p = set.posts().get(i);
            if (set.tune()[i] && p.isSecurity() != null && candidate.matchesAny(keywords.match(p.text()))) {
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

    /**
     * Repeating a post weighs it in the loss (liblinear has no instance weights): the AI-project issues against the
     * paper posts and weak negatives.
     */
    private int[] rows(TrainingSet set, SecurityWeights weights) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            LabelledPost p = set.posts().get(i);
            if (p.isSecurity() != null && (options.useWeakNegatives() || !set.weak()[i])) {
                boolean outside = p.issueCodes().stream().noneMatch(QuietReport.COMPATIBILITY_CODES::contains)
                        && (options.paperOutsideResources() || !p.issueCodes().contains(QuietReport.RESOURCE_CODE));
                int copies = weights.copies(set.tune()[i], set.weak()[i], outside);
                for (int c = 0; c < copies; c++) {
                    rows.add(i);
                }
            }
        }
        return Rows.toArray(rows);
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
            TrainingSet set, Features[] feats, int[] rows, double[] y, int n, double c, double[] vote) {
        int k = options.innerFolds();
        int[] fold = GroupedFolds.assign(Rows.posts(set, rows), k, options.seed() + 1);
        double[] out = new double[rows.length];
        for (int f = 0; f < k; f++) {
            List<Integer> tr = Rows.outsideFold(fold, f);
            int[] trRows = new int[tr.size()];
            double[] trY = new double[tr.size()];
            for (int j = 0; j < tr.size(); j++) {
                trRows[j] = rows[tr.get(j)];
                trY[j] = y[tr.get(j)];
            }
            LinearHead h = fitter.fit("oof", feats, trRows, trY, n, c, 0);
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
