package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Ranks solution types for a prediction. The issue types decide which fixes are in play, the post's evidence decides
 * their order: each of the top predicted issue types contributes its weight times the mapping's
 * {@code P(solution | issue type)} and the themes a small share of {@code P(solution | theme)}; that base is then
 * multiplied by {@code 1 + e}, where {@code e} sums the weights of the catalogue's keyword boosts that the keyword
 * stage matched for the solution. Evidence counts on its own only as far as the classifier is unsure of the issue
 * type, and the first fix is always one that the issue type named in the comment's heading calls for. Each
 * recommendation says in one line why it was chosen.
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

    /**
     * What evidence is worth on its own, for a fix no predicted issue type backs, scaled by how unsure the classifier
     * is of its top issue type ({@code 1 - p(top)}): with no issue type the keywords lead, with a sure one they only
     * reorder its fixes.
     */
    static final double UNBACKED_EVIDENCE = 0.3;

    /**
     * An issue type calls for the fixes of its curated ranking and its this many most usual fixes in the mapping (the
     * three the dashboard's heatmap shows for it); the first fix is one of them.
     */
    static final int CALLED_FOR_TOP = 3;

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
        List<Prediction.IssueTypeScore> issues = prediction.issueTypes().stream()
                .sorted(Comparator.comparingDouble(Prediction.IssueTypeScore::probability)
                        .reversed())
                .limit(ISSUE_TYPES_CONSIDERED)
                .toList();
        double top = issues.isEmpty() ? 0 : issues.get(0).probability();
        List<Candidate> ranked = candidates(prediction, issues).values().stream()
                .filter(c -> c.score(1 - top) > 0)
                .sorted(Comparator.comparingDouble((Candidate c) -> c.score(1 - top))
                        .reversed()
                        .thenComparing(c -> c.solutionId))
                .toList();
        List<Candidate> ordered = headingFirst(ranked, Heading.issueType(prediction));
        return ordered.stream()
                .limit(Math.max(0, limit))
                .map(c -> new Recommendation(c.solutionId, c.score(1 - top), reason(c)))
                .toList();
    }

    /** Every solution the issue types, the themes or the evidence speak for, with what each contributed. */
    private Map<String, Candidate> candidates(Prediction prediction, List<Prediction.IssueTypeScore> issues) {
        Map<String, Candidate> candidates = new HashMap<>();
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
        return candidates;
    }

    /**
     * The ranking with the best fix that the heading's issue type calls for moved to the front, so the comment's
     * first advice answers its own heading; unchanged when the heading names no issue type or none of its fixes
     * scored.
     */
    private List<Candidate> headingFirst(List<Candidate> ranked, Optional<Prediction.IssueTypeScore> heading) {
        if (heading.isEmpty()) {
            return ranked;
        }
        Set<String> calledFor = callsFor(heading.get().id());
        Optional<Candidate> first =
                ranked.stream().filter(c -> calledFor.contains(c.solutionId)).findFirst();
        if (first.isEmpty() || first.get() == ranked.get(0)) {
            return ranked;
        }
        List<Candidate> ordered = new ArrayList<>(ranked.size());
        ordered.add(first.get());
        ranked.stream().filter(c -> c != first.get()).forEach(ordered::add);
        return ordered;
    }

    /** The curated fixes of an issue type and its {@link #CALLED_FOR_TOP} most usual ones in the mapping. */
    private Set<String> callsFor(String issueTypeId) {
        Set<String> fixes = new LinkedHashSet<>(catalogue.curated(issueTypeId));
        mapping.forIssue(issueTypeId).solutions().stream()
                .limit(CALLED_FOR_TOP)
                .forEach(e -> fixes.add(e.solutionId()));
        return fixes;
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

    /** Accumulates a solution's base and evidence and remembers its strongest source of each kind, for the reason. */
    private static final class Candidate {
        final String solutionId;
        double base;
        double evidence;
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

        /** The base times {@code 1 + evidence}, plus the evidence on its own as far as the issue type is unsure. */
        double score(double unsure) {
            return base * (1 + evidence) + unsure * UNBACKED_EVIDENCE * evidence;
        }

        void fromIssue(Prediction.IssueTypeScore from, int posts, SolutionMapping.Entry entry, double contribution) {
            base += contribution;
            if (contribution > bestIssue) {
                bestIssue = contribution;
                issue = from;
                issueEntry = entry;
                issuePosts = posts;
            }
        }

        void fromTheme(Theme from, double contribution) {
            base += contribution;
            if (contribution > bestTheme) {
                bestTheme = contribution;
                theme = from;
            }
        }

        void fromKeyword(String matched, KeywordBoost from) {
            evidence += from.weight();
            if (keyword == null || from.weight() > boost.weight()) {
                keyword = matched;
                boost = from;
            }
        }
    }
}
