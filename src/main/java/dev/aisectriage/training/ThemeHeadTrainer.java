package dev.aisectriage.training;

import dev.aisectriage.classify.FeatureLayout;
import dev.aisectriage.classify.Features;
import dev.aisectriage.classify.LinearHead;
import dev.aisectriage.classify.NeighbourIndex;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.classify.ThemeBlend;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The four theme heads: one-vs-rest on the primary theme of security posts, and the per-theme offsets fitted on
 * their out-of-fold probabilities blended with the neighbours' vote.
 */
final class ThemeHeadTrainer {

    /** The heads over the shared feature vector, the offsets (null when off) and how many rows trained them. */
    record ThemeHeads(Map<Theme, LinearHead> heads, double[] offsets, int rows) {}

    private final TrainerOptions options;
    private final HeadFitter fitter;

    ThemeHeadTrainer(TrainerOptions options, HeadFitter fitter) {
        this.options = options;
        this.fitter = fitter;
    }

    ThemeHeads train(TrainingSet set, FeatureLayout layout, Features[] feats, Trainer.FeatureMaker features) {
        int[] rows = rows(set);
        // The theme heads may weigh the embedding and keyword blocks differently from the security head: they are
        // trained on features scaled their way, and their weights are rescaled onto the shared feature vector.
        FeatureLayout themeLayout = themeLayout(layout);
        Features[] themeFeats = themeLayout.equals(layout) ? feats : features.of(set, themeLayout);
        int n = layout.size();
        Map<Theme, LinearHead> heads = new EnumMap<>(Theme.class);
        for (Theme t : Theme.values()) {
            LinearHead head = fitTheme(t, set, themeFeats, rows, n);
            heads.put(t, rescaled(head, themeLayout, layout));
        }
        double[] offsets = options.themeOffsets() ? offsets(set, themeFeats, rows, n) : null;
        return new ThemeHeads(heads, offsets, rows.length);
    }

    /** Security posts with a theme; AI-project issues may count more (the study's posts code themes a little differently). */
    private int[] rows(TrainingSet set) {
        List<Integer> themed = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            LabelledPost p = set.posts().get(i);
            if (Rows.isSecurity(p) && p.theme() != null) {
                int copies = set.tune()[i] ? Math.max(1, options.themeTuneReplicas()) : 1;
                for (int c = 0; c < copies; c++) {
                    themed.add(i);
                }
            }
        }
        return Rows.toArray(themed);
    }

    private LinearHead fitTheme(Theme t, TrainingSet set, Features[] feats, int[] rows, int n) {
        double[] y = new double[rows.length];
        for (int j = 0; j < rows.length; j++) {
            y[j] = set.posts().get(rows[j]).theme() == t ? 1 : 0;
        }
        return fitter.fit(t.name(), feats, rows, y, n, options.cTheme(), options.positiveWeightPower());
    }

    /** The layout the theme heads train on: the shared one, with the theme's block scales where they are set. */
    private FeatureLayout themeLayout(FeatureLayout shared) {
        float emb = options.themeEmbeddingScale() > 0 && shared.embeddingScale() > 0
                ? options.themeEmbeddingScale()
                : shared.embeddingScale();
        float kw = options.themeKeywordScale() > 0 && shared.keywordScale() > 0
                ? options.themeKeywordScale()
                : shared.keywordScale();
        return shared.withScales(emb, kw);
    }

    /**
     * The same head over {@code to}'s feature vector: a block scaled by s in {@code from} and by t in {@code to} has
     * its weights multiplied by s / t, so every score is unchanged.
     */
    static LinearHead rescaled(LinearHead head, FeatureLayout from, FeatureLayout to) {
        if (from.equals(to)) {
            return head;
        }
        float[] w = head.weights().clone();
        int base = to.tfidf().size();
        float emb = from.embeddingScale() / to.embeddingScale();
        for (int d = 0; d < to.embeddingDim(); d++) {
            w[base + d] *= emb;
        }
        base += to.embeddingDim();
        float kw = from.keywordScale() / to.keywordScale();
        for (int k = 0; k < to.keywordCount(); k++) {
            w[base + k] *= kw;
        }
        return new LinearHead(head.label(), w, head.bias(), head.plattA(), head.plattB());
    }

    /** Per-theme offsets fitted on out-of-fold theme probabilities (inner split grouped by repository). */
    private double[] offsets(TrainingSet set, Features[] feats, int[] rows, int n) {
        int k = options.innerFolds();
        int[] fold = GroupedFolds.assign(Rows.posts(set, rows), k, options.seed() + 2);
        double[][] probs = new double[rows.length][];
        int[] truth = new int[rows.length];
        for (int j = 0; j < rows.length; j++) {
            truth[j] = set.posts().get(rows[j]).theme().ordinal();
        }
        for (int f = 0; f < k; f++) {
            int[] trRows =
                    Rows.outsideFold(fold, f).stream().mapToInt(j -> rows[j]).toArray();
            List<LinearHead> heads = new ArrayList<>();
            for (Theme t : Theme.values()) {
                heads.add(fitTheme(t, set, feats, trRows, n));
            }
            // The vote's neighbours are the other folds' labelled posts, as at prediction time.
            NeighbourIndex index = options.knnThemeWeight() > 0
                    ? Rows.neighbourIndex(set, postsOutsideFold(set, rows, fold, f))
                    : null;
            for (int j = 0; j < rows.length; j++) {
                if (fold[j] == f) {
                    probs[j] = blended(heads, feats[rows[j]], index, set.embeddings()[rows[j]]);
                }
            }
        }
        return ThemeOffsets.fit(probs, truth);
    }

    private double[] blended(List<LinearHead> heads, Features f, NeighbourIndex index, float[] embedding) {
        double[] sig = new double[heads.size()];
        for (int t = 0; t < sig.length; t++) {
            sig[t] = LinearHead.sigmoid(heads.get(t).score(f));
        }
        double gamma = options.knnThemeWeight();
        double[] vote = gamma > 0 ? index.themeVote(index.search(embedding, 15)) : null;
        return ThemeBlend.probabilities(sig, vote, gamma, null);
    }

    /** Every post of the set except the themed rows held out in fold {@code f}. */
    private static int[] postsOutsideFold(TrainingSet set, int[] rows, int[] fold, int f) {
        boolean[] held = new boolean[set.size()];
        for (int j = 0; j < rows.length; j++) {
            if (fold[j] == f) {
                held[rows[j]] = true;
            }
        }
        List<Integer> others = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            if (!held[i]) {
                others.add(i);
            }
        }
        return Rows.toArray(others);
    }
}
