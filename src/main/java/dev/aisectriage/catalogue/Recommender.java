package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ranks solution types for a prediction: each of the top predicted issue types contributes its weight times the
 * mapping's {@code P(solution | issue type)}, the themes add a small share of {@code P(solution | theme)}, and keyword-stage
 * matches add the catalogue's keyword boosts. Each recommendation says in one line why it was chosen.
 */
public final class Recommender implements SolutionRecommender {

    /** Weight of the theme-level ranking next to the issue-type ranking; it decides alone when no issue type is given. */
    static final double THEME_WEIGHT = 0.15;

    /**
     * Only the issue types the comment can name count, weighted by their squared probabilities, normalised so the
     * weights add up to the top type's probability (a lone weak type stays weak):
     * the classifier's issue-type heads are one-vs-rest, so a clear post also gets fair probabilities for many
     * unrelated types, and summing them all let a type outside the top five decide the advice.
     */
    static final int ISSUE_TYPES_CONSIDERED = 3;

    private final Catalogue catalogue;
    private final SolutionMapping mapping;

    public Recommender(Catalogue catalogue, SolutionMapping mapping) {
        this.catalogue = catalogue;
        this.mapping = mapping;
    }

    /** The shipped catalogue with the committed mapping: what the service uses. */
    public static Recommender withDefaults() {
        return new Recommender(Catalogue.load(), SolutionMapping.load());
    }

    @Override
    public List<Recommendation> recommend(Prediction prediction, int limit) {
        Map<String, Candidate> candidates = new HashMap<>();
        List<Prediction.IssueTypeScore> issues = prediction.issueTypes().stream()
                .sorted(Comparator.comparingDouble(Prediction.IssueTypeScore::probability)
                        .reversed())
                .limit(ISSUE_TYPES_CONSIDERED)
                .toList();
        double norm = issues.stream()
                .mapToDouble(i -> i.probability() * i.probability())
                .sum();
        double top = issues.isEmpty() ? 0 : issues.get(0).probability();
        for (Prediction.IssueTypeScore issue : issues) {
            double weight = norm == 0 ? 0 : top * issue.probability() * issue.probability() / norm;
            SolutionMapping.Ranked ranked = mapping.forIssue(issue.id());
            for (SolutionMapping.Entry e : ranked.solutions()) {
                candidate(candidates, e.solutionId()).fromIssue(issue, ranked.posts(), e, weight * e.score());
            }
        }
        for (Map.Entry<Theme, Double> theme : prediction.themes().entrySet()) {
            for (SolutionMapping.Entry e : mapping.forTheme(theme.getKey()).solutions()) {
                candidate(candidates, e.solutionId())
                        .fromTheme(theme.getKey(), THEME_WEIGHT * theme.getValue() * e.score());
            }
        }
        for (KeywordBoost boost : catalogue.keywordBoosts()) {
            Optional<String> matched = boost.firstMatch(prediction.keywords());
            matched.ifPresent(k -> candidate(candidates, boost.solutionId()).fromKeyword(k, boost));
        }
        return candidates.values().stream()
                .filter(c -> c.score > 0)
                .sorted(Comparator.comparingDouble((Candidate c) -> c.score)
                        .reversed()
                        .thenComparing(c -> c.solutionId))
                .limit(Math.max(0, limit))
                .map(c -> new Recommendation(c.solutionId, c.score, reason(c)))
                .toList();
    }

    private String reason(Candidate c) {
        List<String> parts = new ArrayList<>();
        if (c.keyword != null) {
            // the boost's own explanation only when no issue type backs the solution: keeps the line short
            parts.add("matched `" + c.keyword + "`" + (c.issue == null ? "; " + c.boost.because() : ""));
        }
        if (c.issue != null) {
            String name = catalogue.issueType(c.issue.id()).map(IssueType::name).orElse(c.issue.name());
            String evidence = c.issueEntry.support() > 0
                    ? " (" + c.issueEntry.support() + " of " + c.issuePosts + " coded posts)"
                    : " (curated rule)";
            parts.add("usual fix for " + name + evidence);
        } else if (c.theme != null && c.keyword == null) {
            parts.add("common fix for " + c.theme.title() + " issues");
        }
        return String.join("; ", parts);
    }

    private static Candidate candidate(Map<String, Candidate> candidates, String solutionId) {
        return candidates.computeIfAbsent(solutionId, Candidate::new);
    }

    /** Accumulates a solution's score and remembers its strongest evidence of each kind, for the reason. */
    private static final class Candidate {
        final String solutionId;
        double score;
        Prediction.IssueTypeScore issue;
        SolutionMapping.Entry issueEntry;
        int issuePosts;
        double bestIssue;
        Theme theme;
        double bestTheme;
        String keyword;
        KeywordBoost boost;

        Candidate(String solutionId) {
            this.solutionId = solutionId;
        }

        void fromIssue(Prediction.IssueTypeScore from, int posts, SolutionMapping.Entry entry, double contribution) {
            score += contribution;
            if (contribution > bestIssue) {
                bestIssue = contribution;
                issue = from;
                issueEntry = entry;
                issuePosts = posts;
            }
        }

        void fromTheme(Theme from, double contribution) {
            score += contribution;
            if (contribution > bestTheme) {
                bestTheme = contribution;
                theme = from;
            }
        }

        void fromKeyword(String matched, KeywordBoost from) {
            score += from.weight();
            if (keyword == null || from.weight() > boost.weight()) {
                keyword = matched;
                boost = from;
            }
        }
    }
}
