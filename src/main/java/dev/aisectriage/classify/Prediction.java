package dev.aisectriage.classify;

import java.util.List;
import java.util.Map;

/**
 * What the classifier says about one post.
 *
 * @param security          the decision at the model's precision-oriented threshold
 * @param securityProbability calibrated probability that the post is security-related
 * @param themes            probability per theme (all four present), highest first when iterated
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
        themes = Map.copyOf(themes);
        issueTypes = List.copyOf(issueTypes);
        keywords = List.copyOf(keywords);
        neighbours = List.copyOf(neighbours);
    }

    /** The most likely theme. */
    public Theme primaryTheme() {
        return themes.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElseThrow();
    }

    /** One issue type of the taxonomy with its probability. */
    public record IssueTypeScore(String id, String name, Theme theme, double probability) {}

    /** A labelled training post close to this one. */
    public record Neighbour(String id, String url, double similarity, boolean security) {}
}
