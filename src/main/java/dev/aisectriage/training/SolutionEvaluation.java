package dev.aisectriage.training;

import dev.aisectriage.catalogue.SolutionRecommender;
import dev.aisectriage.classify.Prediction;
import java.util.List;
import java.util.function.Function;

/** {@code solutions.hit_at_k}: among posts with known solution codes, the share with one of them in the top k. */
public final class SolutionEvaluation {

    private SolutionEvaluation() {}

    /** The measured share and what it was measured on. */
    public record HitRate(int posts, int hits) {
        /** Null-safe for JSON: NaN when no post had solution codes. */
        public double rate() {
            return posts == 0 ? Double.NaN : (double) hits / posts;
        }
    }

    public static HitRate hitAtK(
            List<LabelledPost> posts,
            Function<LabelledPost, Prediction> predict,
            SolutionRecommender recommender,
            int k) {
        int n = 0;
        int hits = 0;
        for (LabelledPost post : posts) {
            if (post.solutionCodes().isEmpty()) {
                continue;
            }
            n++;
            Prediction prediction = predict.apply(post);
            boolean hit = recommender.recommend(prediction, k).stream()
                    .anyMatch(r -> post.solutionCodes().contains(r.solutionId()));
            if (hit) {
                hits++;
            }
        }
        return new HitRate(n, hits);
    }
}
