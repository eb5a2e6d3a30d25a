package dev.aisectriage.training;

import dev.aisectriage.catalogue.Catalogue;
import dev.aisectriage.classify.KeywordStage;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Stand-in predictions built from a post's true labels: the upper bound of what the recommender can reach with a
 * perfect classifier. Optionally with the keywords the classifier's keyword stage finds in the text.
 */
final class TruthPredictions {

    private final Catalogue catalogue;
    private final boolean withKeywords;
    private final boolean withIssueTypes;
    private final KeywordStage stage = new KeywordStage();

    TruthPredictions(Catalogue catalogue, boolean withKeywords) {
        this(catalogue, withKeywords, true);
    }

    /** With {@code withIssueTypes} false only the true themes are given: the recommender's theme fallback alone. */
    TruthPredictions(Catalogue catalogue, boolean withKeywords, boolean withIssueTypes) {
        this.catalogue = catalogue;
        this.withKeywords = withKeywords;
        this.withIssueTypes = withIssueTypes;
    }

    Prediction of(LabelledPost post) {
        Map<Theme, Double> themes = new EnumMap<>(Theme.class);
        for (Theme t : Theme.values()) {
            themes.put(t, post.themes().contains(t) ? 0.5 : 0.02);
        }
        if (post.theme() != null) {
            themes.put(post.theme(), 0.9);
        }
        List<Prediction.IssueTypeScore> issues = new ArrayList<>();
        for (String code : withIssueTypes ? post.issueCodes() : List.<String>of()) {
            catalogue
                    .issueType(code)
                    .ifPresent(t -> issues.add(new Prediction.IssueTypeScore(t.id(), t.name(), t.theme(), 1.0)));
        }
        return new Prediction(
                true, 0.95, themes, issues, withKeywords ? keywords(post.text()) : List.of(), "truth", List.of());
    }

    private List<String> keywords(String text) {
        return stage.match(text);
    }
}
