package dev.aisectriage.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The trained heads applied to one post's text and embedding. Immutable, so thread-safe. */
public final class HeadsModel {

    private static final int NEIGHBOURS = 3;

    private static final int ISSUE_TYPES = 10;

    /** Neighbours consulted for the theme vote. */
    private static final int KNN = 15;

    private final ModelArtefact artefact;
    private final KeywordStage keywords = new KeywordStage();

    public HeadsModel(ModelArtefact artefact) {
        if (!keywords.names().equals(artefact.keywordNames())) {
            throw new IllegalArgumentException("model artefact " + artefact.version()
                    + " was trained with another keyword lexicon; retrain it with 'train'");
        }
        this.artefact = artefact;
    }

    public ModelArtefact artefact() {
        return artefact;
    }

    public Prediction predict(String text, float[] embedding) {
        List<String> matched = keywords.match(text);
        Features f = artefact.layout().features(text, embedding, keywords.features(matched));
        double pSec = artefact.security().probability(f);

        Map<Theme, Double> themes = new EnumMap<>(Theme.class);
        double sum = 0;
        for (Map.Entry<Theme, LinearHead> e : artefact.themes().entrySet()) {
            double p = LinearHead.sigmoid(e.getValue().score(f));
            themes.put(e.getKey(), p);
            sum += p;
        }
        for (Theme t : Theme.values()) {
            themes.put(t, sum > 0 ? themes.getOrDefault(t, 0.0) / sum : 0.25);
        }

        // The primary theme is the theme of the post's first issue type, so the issue heads' mass per theme is
        // blended into the theme probabilities.
        double[] rawIssue = new double[artefact.issueTypes().size()];
        Map<Theme, Double> issueMass = new EnumMap<>(Theme.class);
        double massSum = 0;
        for (int i = 0; i < rawIssue.length; i++) {
            rawIssue[i] = LinearHead.sigmoid(artefact.issueHeads().get(i).score(f));
            issueMass.merge(artefact.issueTypes().get(i).theme(), rawIssue[i], Double::sum);
            massSum += rawIssue[i];
        }
        NeighbourIndex.Hits hits = artefact.neighbours().search(embedding, KNN);
        double gamma = artefact.knnThemeWeight();
        double[] vote = gamma > 0 ? artefact.neighbours().themeVote(hits) : null;
        if (vote != null) {
            for (Theme t : Theme.values()) {
                themes.put(t, (1 - gamma) * themes.get(t) + gamma * vote[t.ordinal()]);
            }
        }
        double beta = artefact.issueWeightInThemeScore();
        for (Theme t : Theme.values()) {
            double mass = massSum > 0 ? issueMass.getOrDefault(t, 0.0) / massSum : 0.25;
            themes.put(t, (1 - beta) * themes.get(t) + beta * mass);
        }

        double w = artefact.themeWeightInIssueScore();
        List<Prediction.IssueTypeScore> issues = new ArrayList<>();
        for (int i = 0; i < rawIssue.length; i++) {
            Taxonomy.IssueType type = artefact.issueTypes().get(i);
            // Geometric blend with the theme's probability keeps issue types consistent with the themes.
            double score = Math.pow(rawIssue[i], 1 - w) * Math.pow(themes.get(type.theme()), w);
            issues.add(new Prediction.IssueTypeScore(type.id(), type.name(), type.theme(), round(score)));
        }
        issues.sort(Comparator.comparingDouble(Prediction.IssueTypeScore::probability).reversed());
        List<Prediction.IssueTypeScore> top = issues.subList(0, Math.min(ISSUE_TYPES, issues.size()));

        Map<Theme, Double> rounded = new EnumMap<>(Theme.class);
        themes.forEach((t, p) -> rounded.put(t, round(p)));
        return new Prediction(pSec >= artefact.securityThreshold(), round(pSec), rounded, top, matched,
                artefact.version(), artefact.neighbours().neighbours(hits, NEIGHBOURS));
    }

    private static double round(double p) {
        return Math.round(p * 10_000) / 10_000.0;
    }
}
