package dev.aisectriage.training;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.catalogue.Recommendation;
import dev.aisectriage.catalogue.SolutionRecommender;
import dev.aisectriage.classify.Prediction;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The recommender's figures, among posts with known solution codes: {@code solutions.first_fix}, the share whose
 * first recommended fix is one of their coded solutions (what the comment leads with), and
 * {@code solutions.hit_at_3}, the share with one of them in the top 3.
 */
public final class SolutionEvaluation {

    private SolutionEvaluation() {}

    /** The measured share and what it was measured on. */
    public record HitRate(int posts, int hits) {
        /** Null-safe for JSON: NaN when no post had solution codes. */
        public double rate() {
            return posts == 0 ? Double.NaN : (double) hits / posts;
        }
    }

    /** Both figures over the same posts. */
    public record Figures(HitRate firstFix, HitRate hitAt3) {}

    public static HitRate hitAtK(
            List<LabelledPost> posts,
            Function<LabelledPost, Prediction> predict,
            SolutionRecommender recommender,
            int k) {
        int[] ranks = ranks(posts, predict, recommender, k);
        return new HitRate(
                ranks.length, (int) IntStream.of(ranks).filter(r -> r < k).count());
    }

    /** First fix and hit@3 of the recommender, each post's prediction made once. */
    public static Figures measure(
            List<LabelledPost> posts, Function<LabelledPost, Prediction> predict, SolutionRecommender recommender) {
        int[] ranks = ranks(posts, predict, recommender, 3);
        return new Figures(
                new HitRate(ranks.length, (int)
                        IntStream.of(ranks).filter(r -> r == 0).count()),
                new HitRate(ranks.length, (int)
                        IntStream.of(ranks).filter(r -> r < 3).count()));
    }

    /**
     * For each post with solution codes, the rank (0 = first) of the first of the top {@code k} recommendations
     * among its codes, {@code Integer.MAX_VALUE} if none is.
     */
    private static int[] ranks(
            List<LabelledPost> posts,
            Function<LabelledPost, Prediction> predict,
            SolutionRecommender recommender,
            int k) {
        return posts.stream()
                .filter(post -> !post.solutionCodes().isEmpty())
                .mapToInt(post -> rankOfFirstCoded(post, recommender.recommend(predict.apply(post), k)))
                .toArray();
    }

    /**
     * The {@code solutions} part of an {@code eval} report: {@code n}, {@code first_fix} and {@code hit_at_3},
     * both null without a recommender.
     */
    static void put(ObjectNode solutions, List<Evaluation.Scored> items, SolutionRecommender recommender) {
        List<Evaluation.Scored> coded =
                items.stream().filter(s -> !s.post().solutionCodes().isEmpty()).toList();
        solutions.put("n", coded.size());
        if (recommender == null || coded.isEmpty()) {
            solutions.putNull("first_fix");
            solutions.putNull("hit_at_3");
            return;
        }
        Map<LabelledPost, Prediction> predicted = new IdentityHashMap<>();
        coded.forEach(s -> predicted.put(s.post(), s.prediction()));
        Figures f = measure(coded.stream().map(Evaluation.Scored::post).toList(), predicted::get, recommender);
        solutions.put("first_fix", round(f.firstFix().rate()));
        solutions.put("hit_at_3", round(f.hitAt3().rate()));
    }

    /** The rank (0 = first) of the first recommendation among the post's coded solutions; MAX_VALUE if none. */
    private static int rankOfFirstCoded(LabelledPost post, List<Recommendation> recommended) {
        for (int r = 0; r < recommended.size(); r++) {
            if (post.solutionCodes().contains(recommended.get(r).solutionId())) {
                return r;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
