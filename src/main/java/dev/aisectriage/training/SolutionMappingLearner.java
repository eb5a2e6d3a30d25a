package dev.aisectriage.training;

import dev.aisectriage.catalogue.Catalogue;
import dev.aisectriage.catalogue.IssueType;
import dev.aisectriage.catalogue.Recommender;
import dev.aisectriage.catalogue.Solution;
import dev.aisectriage.catalogue.SolutionMapping;
import dev.aisectriage.catalogue.SolutionMapping.Entry;
import dev.aisectriage.catalogue.SolutionMapping.Ranked;
import dev.aisectriage.catalogue.SolutionRecommender;
import dev.aisectriage.classify.Theme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Learns the {@link SolutionMapping} (issue type to ranked solutions) from coded posts, shrunk towards the catalogue's
 * curated ranking; see {@link SolutionMapping} for the formula.
 */
public final class SolutionMappingLearner {

    private static final int KEEP = 12;

    private SolutionMappingLearner() {}

    /** A recommender whose mapping is learned from these posts only (one cross-validation fold) plus the curated rules. */
    public static SolutionRecommender recommenderTrainedOn(List<LabelledPost> posts) {
        Catalogue catalogue = Catalogue.load();
        return new Recommender(catalogue, learn(posts, catalogue, SolutionMapping.DEFAULT_SMOOTHING));
    }

    /**
     * For {@code eval}: learned from the training posts of a fold, or, given none (a plain evaluation of held-out
     * files), the shipped recommender with the committed mapping.
     */
    public static SolutionRecommender recommenderTrainedOnOrShipped(List<LabelledPost> posts) {
        return posts.isEmpty() ? Recommender.withDefaults() : recommenderTrainedOn(posts);
    }

    /** Learns from the posts that carry both issue and solution codes, with the shipped catalogue's curated rules. */
    public static SolutionMapping learn(List<LabelledPost> posts) {
        return learn(posts, Catalogue.load(), SolutionMapping.DEFAULT_SMOOTHING);
    }

    public static SolutionMapping learn(List<LabelledPost> posts, Catalogue catalogue, double smoothing) {
        List<LabelledPost> coded = posts.stream()
                .filter(p -> !p.issueCodes().isEmpty() && !p.solutionCodes().isEmpty())
                .toList();
        Map<String, Double> global = globalFrequency(coded, catalogue);
        Map<String, Ranked> issues = new TreeMap<>();
        for (IssueType type : catalogue.issueTypes()) {
            List<LabelledPost> with = coded.stream()
                    .filter(p -> p.issueCodes().contains(type.id()))
                    .toList();
            Map<String, Double> prior = blend(curatedPrior(catalogue.curated(type.id())), global);
            issues.put(type.id(), rank(with, prior, smoothing, catalogue));
        }
        Map<Theme, Ranked> themes = new EnumMap<>(Theme.class);
        for (Theme theme : Theme.values()) {
            List<LabelledPost> with =
                    coded.stream().filter(p -> p.theme() == theme).toList();
            Map<String, Double> curated = new HashMap<>();
            catalogue.issueTypes().stream()
                    .filter(t -> t.theme() == theme)
                    .forEach(t -> curatedPrior(catalogue.curated(t.id()))
                            .forEach((s, w) -> curated.merge(s, w, Double::sum)));
            themes.put(theme, rank(with, blend(normalise(curated), global), smoothing, catalogue));
        }
        return new SolutionMapping(coded.size(), smoothing, issues, themes);
    }

    private static Ranked rank(
            List<LabelledPost> with, Map<String, Double> prior, double smoothing, Catalogue catalogue) {
        Map<String, Integer> together = new HashMap<>();
        for (LabelledPost p : with) {
            new LinkedHashSet<>(p.solutionCodes())
                    .stream()
                            .filter(s -> catalogue.solution(s).isPresent())
                            .forEach(s -> together.merge(s, 1, Integer::sum));
        }
        int n = with.size();
        List<Entry> entries = new ArrayList<>();
        for (Solution s : catalogue.solutions()) {
            int c = together.getOrDefault(s.id(), 0);
            double score = (c + smoothing * prior.getOrDefault(s.id(), 0.0)) / (n + smoothing);
            if (score > 0) {
                entries.add(new Entry(s.id(), round(score), c));
            }
        }
        entries.sort(Comparator.comparingDouble(Entry::score).reversed().thenComparing(Entry::solutionId));
        return new Ranked(n, entries.subList(0, Math.min(KEEP, entries.size())));
    }

    private static Map<String, Double> globalFrequency(List<LabelledPost> coded, Catalogue catalogue) {
        Map<String, Double> counts = new HashMap<>();
        coded.forEach(p -> new LinkedHashSet<>(p.solutionCodes())
                .stream()
                        .filter(s -> catalogue.solution(s).isPresent())
                        .forEach(s -> counts.merge(s, 1.0, Double::sum)));
        if (counts.isEmpty()) {
            catalogue.solutions().forEach(s -> counts.put(s.id(), 1.0));
        }
        return normalise(counts);
    }

    private static Map<String, Double> curatedPrior(List<String> ranking) {
        Map<String, Double> w = new HashMap<>();
        for (int r = 0; r < ranking.size(); r++) {
            w.put(ranking.get(r), 1.0 / (r + 1));
        }
        return normalise(w);
    }

    private static Map<String, Double> blend(Map<String, Double> curated, Map<String, Double> global) {
        Map<String, Double> out = new HashMap<>();
        double curatedShare = curated.isEmpty() ? 0 : 1 - SolutionMapping.GLOBAL_SHARE;
        curated.forEach((s, w) -> out.merge(s, curatedShare * w, Double::sum));
        global.forEach((s, w) -> out.merge(s, (1 - curatedShare) * w, Double::sum));
        return out;
    }

    private static Map<String, Double> normalise(Map<String, Double> w) {
        double sum = w.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> out = new HashMap<>();
        if (sum > 0) {
            w.forEach((k, v) -> out.put(k, v / sum));
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
