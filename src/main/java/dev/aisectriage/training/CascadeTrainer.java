package dev.aisectriage.training;

import dev.aisectriage.classify.FeatureLayout;
import dev.aisectriage.classify.Features;
import dev.aisectriage.classify.ModelArtefact;

/**
 * The cascade's cheap stage: the security head trained again on TF-IDF and keywords alone (the embedding block left
 * empty), calibrated the same way, and the probability under which it settles a post without the encoder: the
 * highest for which the out-of-fold share of the tuning posts' security posts that the full model finds but the
 * cheap stage would settle (those naming no decisive vulnerability class) stays within
 * {@link TrainerOptions#cascadeMissed()}. Settling a post the full model misses anyway costs nothing.
 */
final class CascadeTrainer {

    /** Never settle at or above this (unless {@link TrainerOptions#cascadeMaxSettle()} is lower). */
    static final double MAX_SETTLE_BELOW = 0.5;

    private final TrainerOptions options;
    private final HeadFitter fitter;

    CascadeTrainer(TrainerOptions options, HeadFitter fitter) {
        this.options = options;
        this.fitter = fitter;
    }

    ModelArtefact.Cascade train(
            TrainingSet set,
            FeatureLayout layout,
            Trainer.FeatureMaker features,
            boolean[] namesDecisive,
            SecurityHeadTrainer.SecurityHead full) {
        float[] empty = new float[layout.embeddingDim()];
        float[][] none = new float[set.size()][];
        java.util.Arrays.fill(none, empty);
        TrainingSet cheapSet = new TrainingSet(set.posts(), none, set.weak(), set.tune());
        Features[] cheapFeats = features.of(cheapSet, layout);
        TrainerOptions noRule = options.with("decisiveKeywords=false").with("knnSecurity=false");
        SecurityHeadTrainer.SecurityHead cheap = new SecurityHeadTrainer(noRule, fitter)
                .train(cheapSet, cheapFeats, layout.size(), namesDecisive, new boolean[set.size()]);
        double settleBelow = settleBelow(set, cheap, namesDecisive, full);
        if (!options.cascadeThemes()) {
            return new ModelArtefact.Cascade(cheap.head(), settleBelow);
        }
        TrainerOptions themeOptions =
                options.with("knnThemeWeight=0").with("themeTuneReplicas=" + options.cascadeThemeTuneReplicas());
        ThemeHeadTrainer.ThemeHeads themes =
                new ThemeHeadTrainer(themeOptions, fitter).train(cheapSet, layout, cheapFeats, features);
        return new ModelArtefact.Cascade(cheap.head(), settleBelow, themes.heads(), themes.offsets());
    }

    private double settleBelow(
            TrainingSet set,
            SecurityHeadTrainer.SecurityHead cheap,
            boolean[] namesDecisive,
            SecurityHeadTrainer.SecurityHead full) {
        int[] rows = cheap.tuningRows();
        if (!java.util.Arrays.equals(rows, full.tuningRows())) {
            throw new IllegalStateException("the cheap and the full security head were tuned on different rows");
        }
        int security = 0;
        for (int row : rows) {
            security += Rows.isSecurity(set.posts().get(row)) ? 1 : 0;
        }
        boolean[] atStake = atStake(set, rows, namesDecisive, full);
        return highestSettleBelow(cheap.tuningProbabilities(), atStake, options.cascadeMissed() * security);
    }

    /** Per tuning row: a security post the full model finds (out of fold) that names no decisive class. */
    private static boolean[] atStake(
            TrainingSet set, int[] rows, boolean[] namesDecisive, SecurityHeadTrainer.SecurityHead full) {
        boolean[] atStake = new boolean[rows.length];
        boolean rule = !full.decisive().names().isEmpty();
        for (int j = 0; j < rows.length; j++) {
            LabelledPost post = set.posts().get(rows[j]);
            if (Rows.isSecurity(post) && full.tuningProbabilities()[j] >= full.threshold()) {
                atStake[j] = !(rule && namesDecisive[rows[j]]);
            }
        }
        return atStake;
    }

    /**
     * The highest cheap probability, in steps of 0.01 up to the cap, below which settling misses at most
     * {@code allowed} posts at stake.
     */
    private double highestSettleBelow(double[] p, boolean[] atStake, double allowed) {
        double best = 0;
        double cap = Math.min(MAX_SETTLE_BELOW, options.cascadeMaxSettle());
        for (int step = 1; step * 0.01 <= cap + 1e-9; step++) {
            double t = step * 0.01;
            int missed = 0;
            for (int j = 0; j < atStake.length; j++) {
                if (atStake[j] && p[j] < t) {
                    missed++;
                }
            }
            if (missed > allowed) {
                break;
            }
            best = t;
        }
        return best;
    }
}
