package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Hand-built predictions for tests: no model needed. */
final class Predictions {

    private final Catalogue catalogue = Catalogue.load();
    private boolean security = true;
    private double securityProbability = 0.95;
    private final Map<Theme, Double> themes = new EnumMap<>(Theme.class);
    private final List<Prediction.IssueTypeScore> issues = new ArrayList<>();
    private List<String> keywords = List.of();
    private final List<Prediction.Neighbour> neighbours = new ArrayList<>();

    Predictions() {
        for (Theme t : Theme.values()) {
            themes.put(t, 0.02);
        }
    }

    static Predictions security(double probability) {
        Predictions p = new Predictions();
        p.securityProbability = probability;
        return p;
    }

    Predictions notFlagged() {
        security = false;
        return this;
    }

    Predictions theme(Theme theme, double probability) {
        themes.put(theme, probability);
        return this;
    }

    Predictions issue(String id, double probability) {
        IssueType t = catalogue.issueType(id).orElseThrow();
        issues.add(new Prediction.IssueTypeScore(t.id(), t.name(), t.theme(), probability));
        return this;
    }

    Predictions keywords(String... found) {
        keywords = List.of(found);
        return this;
    }

    Predictions neighbour(String id, double similarity) {
        neighbours.add(new Prediction.Neighbour(
                id, "https://github.com/" + id.replaceFirst("-(\\d+)$", "/issues/$1"), similarity, true));
        return this;
    }

    Prediction build() {
        return new Prediction(security, securityProbability, themes, issues, keywords, "heads-test-1", neighbours);
    }
}
