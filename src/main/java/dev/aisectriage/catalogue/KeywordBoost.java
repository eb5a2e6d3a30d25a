package dev.aisectriage.catalogue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A keyword-stage match that adds weight to one solution, e.g. {@code trust_remote_code} to dependency source vetting.
 *
 * @param because finishes the reason "matched {@code <keyword>}; ..."
 */
public record KeywordBoost(List<String> keywords, String solutionId, double weight, String because) {

    public KeywordBoost {
        keywords = keywords.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * The first prediction keyword this boost matches. A boost keyword matches a prediction keyword equal to it or
     * starting with it ({@code unpickl} matches {@code unpickling}), so short ones like {@code rce} do not fire
     * inside {@code resource}.
     */
    public Optional<String> firstMatch(List<String> predictionKeywords) {
        for (String found : predictionKeywords) {
            String k = found.toLowerCase(Locale.ROOT).trim();
            for (String b : keywords) {
                if (k.startsWith(b)) {
                    return Optional.of(found);
                }
            }
        }
        return Optional.empty();
    }
}
