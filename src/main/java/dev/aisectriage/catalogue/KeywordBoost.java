package dev.aisectriage.catalogue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Evidence for one solution: keyword-stage names (as {@code Prediction.keywords()} reports them) that, found in a
 * post, make that solution the more likely fix among those its issue types call for, e.g. {@code torch.load} for
 * secure deserialisation.
 *
 * @param keywords names the keyword stage reports, matched whole
 * @param weight   how much the match raises the solution: its score is multiplied by {@code 1 + weight}
 * @param because  finishes the reason "matched {@code <keyword>}; ..."
 */
public record KeywordBoost(List<String> keywords, String solutionId, double weight, String because) {

    public KeywordBoost {
        keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * The first prediction keyword this boost names, compared whole and case-insensitively: a boost fires on the
     * keyword stage's own names only, so a renamed keyword fails {@code CatalogueTest} instead of going quiet.
     */
    public Optional<String> firstMatch(List<String> predictionKeywords) {
        for (String found : predictionKeywords) {
            if (keywords.contains(found.toLowerCase(Locale.ROOT).trim())) {
                return Optional.of(found);
            }
        }
        return Optional.empty();
    }
}
