package dev.aisectriage.training;

import dev.aisectriage.classify.NeighbourIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Small helpers over row numbers of a {@link TrainingSet}, shared by the head trainers. */
final class Rows {

    private Rows() {}

    static boolean isSecurity(LabelledPost p) {
        return p.isSecurity() != null && p.isSecurity() == 1;
    }

    static int[] toArray(List<Integer> rows) {
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The rows of {@code rows} (by position) whose fold is not {@code f}. */
    static List<Integer> outsideFold(int[] fold, int f) {
        List<Integer> tr = new ArrayList<>();
        for (int j = 0; j < fold.length; j++) {
            if (fold[j] != f) {
                tr.add(j);
            }
        }
        return tr;
    }

    static List<LabelledPost> posts(TrainingSet set, int[] rows) {
        List<LabelledPost> sub = new ArrayList<>();
        for (int r : rows) {
            sub.add(set.posts().get(r));
        }
        return sub;
    }

    /** Neighbour index over the distinct, labelled, non-weak posts among these rows. */
    static NeighbourIndex neighbourIndex(TrainingSet set, int[] rows) {
        List<LabelledPost> posts = new ArrayList<>();
        List<float[]> emb = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int r : rows) {
            if (seen.add(r) && !set.weak()[r] && set.posts().get(r).isSecurity() != null) {
                posts.add(set.posts().get(r));
                emb.add(set.embeddings()[r]);
            }
        }
        return NeighbourIndexes.of(posts, emb.toArray(new float[0][]));
    }
}
