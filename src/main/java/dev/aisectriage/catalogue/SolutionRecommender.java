package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Prediction;
import java.util.List;

/** Ranks the taxonomy's solution types for a prediction, best first. */
public interface SolutionRecommender {

    List<Recommendation> recommend(Prediction prediction, int limit);
}
