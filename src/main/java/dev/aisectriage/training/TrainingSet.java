package dev.aisectriage.training;

import java.util.ArrayList;
import java.util.List;

/**
 * Labelled posts with their embeddings and two roles: weak negatives (labelled 0 without reading; used for the
 * security head only if asked) and tuning posts (where calibration and the threshold are chosen: the AI-project
 * issues, which look like what the bot will see).
 */
public record TrainingSet(List<LabelledPost> posts, float[][] embeddings, boolean[] weak, boolean[] tune) {

    public int size() {
        return posts.size();
    }

    public TrainingSet subset(int[] rows) {
        List<LabelledPost> p = new ArrayList<>(rows.length);
        float[][] e = new float[rows.length][];
        boolean[] w = new boolean[rows.length];
        boolean[] t = new boolean[rows.length];
        for (int i = 0; i < rows.length; i++) {
            p.add(posts.get(rows[i]));
            e[i] = embeddings[rows[i]];
            w[i] = weak[rows[i]];
            t[i] = tune[rows[i]];
        }
        return new TrainingSet(p, e, w, t);
    }
}
