package dev.aisectriage.classify;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the classifier says about one post.
 *
 * @param security          the decision at the model's precision-oriented threshold
 * @param securityProbability calibrated probability that the post is security-related
 * @param themes            probability per theme (all four present), iterated in {@link Theme} order
 * @param issueTypes        issue types of the taxonomy, most likely first (at most ten)
 * @param keywords          keyword-stage matches, in order of first appearance
 * @param modelVersion      version string of the artefact that produced this
 * @param neighbours        nearest labelled training posts (ids and links only, never their text)
 */
public record Prediction(
        boolean security,
        double securityProbability,
        Map<Theme, Double> themes,
        List<IssueTypeScore> issueTypes,
        List<String> keywords,
        String modelVersion,
        List<Neighbour> neighbours) {

    public Prediction {
        // In theme order, so that iterating it (and breaking ties) is the same in every run; Map.copyOf's order is
        // randomised per JVM.
        themes = themes.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(themes));
        themes.values().forEach(Objects::requireNonNull);
        issueTypes = List.copyOf(issueTypes);
        keywords = List.copyOf(keywords);
        neighbours = List.copyOf(neighbours);
    }

    /** The most likely theme; of themes equally likely, the first in {@link Theme} order. */
    public Theme primaryTheme() {
        Theme best = null;
        for (Map.Entry<Theme, Double> e : themes.entrySet()) {
            if (best == null || e.getValue() > themes.get(best)) {
                best = e.getKey();
            }
        }
        if (best == null) {
            throw new java.util.NoSuchElementException("this prediction has no themes");
        }
        return best;
    }

    /** One issue type of the taxonomy with its probability. */
    public record IssueTypeScore(String id, String name, Theme theme, double probability) {}

    /** A labelled training post close to this one. */
    public record Neighbour(String id, String url, double similarity, boolean security) {}
}
