package dev.aisectriage.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.catalogue.Catalogue;
import dev.aisectriage.catalogue.Recommender;
import dev.aisectriage.catalogue.SolutionRecommender;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * First fix and hit@3 of the recommender in 5-fold cross-validation grouped by repository, with the posts' true issue
 * codes standing in for the classifier's prediction (an upper bound; the real figures come from {@code eval}).
 */
class SolutionHitRateCrossValidationTest {

    static final int FOLDS = 5;

    private final Catalogue catalogue = Catalogue.load();

    /** The shared files whose posts carry both issue and solution codes (as {@code rebuild-solutions} reads them). */
    static Path sharedData() {
        return Path.of(System.getProperty("shared.data.dir", "../shared/data"));
    }

    static List<LabelledPost> codedPosts() {
        List<LabelledPost> posts = new ArrayList<>();
        for (String name :
                List.of("paper-posts.train.jsonl", "issues-labelled.train.jsonl", "issues-labelled-3.train.jsonl")) {
            Path file = sharedData().resolve(name);
            if (Files.exists(file)) {
                posts.addAll(LabelledPost.read(file));
            }
        }
        return posts;
    }

    @Test
    void withTrueIssueCodesHitAt3ReachesTheTargetAndTheEvidenceRaisesTheFirstFix() {
        // given
        List<LabelledPost> posts = codedPosts();
        Assumptions.assumeFalse(posts.isEmpty(), "skipped: shared data not found under " + sharedData());

        // when
        SolutionEvaluation.Figures plain =
                crossValidate(posts, false, (train, c) -> SolutionMappingLearner.recommenderTrainedOn(train));
        SolutionEvaluation.Figures withKeywords =
                crossValidate(posts, true, (train, c) -> SolutionMappingLearner.recommenderTrainedOn(train));

        // then
        report("true issue codes, no keywords", plain);
        report("true issue codes + keyword-stage keywords", withKeywords);
        for (double m : new double[] {0.5, 1, 2, 4, 8, 16}) {
            report(
                    "smoothing m=" + m,
                    crossValidate(
                            posts, false, (train, c) -> new Recommender(c, SolutionMappingLearner.learn(train, c, m))));
        }
        report(
                "curated rules only",
                crossValidate(
                        posts,
                        false,
                        (train, c) -> new Recommender(c, SolutionMappingLearner.learn(List.of(), c, 1.0))));
        report(
                "true themes only, no issue types",
                crossValidate(
                        posts,
                        new TruthPredictions(catalogue, false, false),
                        (train, c) -> SolutionMappingLearner.recommenderTrainedOn(train),
                        p -> true));
        report(
                "true themes + keyword-stage keywords, no issue types",
                crossValidate(
                        posts,
                        new TruthPredictions(catalogue, true, false),
                        (train, c) -> SolutionMappingLearner.recommenderTrainedOn(train),
                        p -> true));
        for (Theme theme : Theme.values()) {
            report(
                    "primary theme " + theme.slug() + " only",
                    crossValidate(
                            posts,
                            false,
                            (train, c) -> SolutionMappingLearner.recommenderTrainedOn(train),
                            p -> p.theme() == theme));
        }
        assertThat(plain.hitAt3().rate()).isGreaterThanOrEqualTo(0.70);
        assertThat(withKeywords.hitAt3().rate()).isGreaterThanOrEqualTo(0.70);
        assertThat(withKeywords.firstFix().rate())
                .isGreaterThan(plain.firstFix().rate());
    }

    private SolutionEvaluation.Figures crossValidate(
            List<LabelledPost> posts,
            boolean withKeywords,
            BiFunction<List<LabelledPost>, Catalogue, SolutionRecommender> train) {
        return crossValidate(posts, withKeywords, train, p -> true);
    }

    private SolutionEvaluation.Figures crossValidate(
            List<LabelledPost> posts,
            boolean withKeywords,
            BiFunction<List<LabelledPost>, Catalogue, SolutionRecommender> train,
            Predicate<LabelledPost> measured) {
        return crossValidate(posts, new TruthPredictions(catalogue, withKeywords), train, measured);
    }

    private SolutionEvaluation.Figures crossValidate(
            List<LabelledPost> posts,
            TruthPredictions truth,
            BiFunction<List<LabelledPost>, Catalogue, SolutionRecommender> train,
            Predicate<LabelledPost> measured) {
        Function<LabelledPost, Prediction> predict = truth::of;
        int n = 0;
        int first = 0;
        int hits = 0;
        for (int fold = 0; fold < FOLDS; fold++) {
            int f = fold;
            List<LabelledPost> trainSet =
                    posts.stream().filter(p -> fold(p) != f).toList();
            List<LabelledPost> testSet = posts.stream()
                    .filter(p -> fold(p) == f && !p.issueCodes().isEmpty() && measured.test(p))
                    .toList();
            SolutionEvaluation.Figures r =
                    SolutionEvaluation.measure(testSet, predict, train.apply(trainSet, catalogue));
            n += r.hitAt3().posts();
            first += r.firstFix().hits();
            hits += r.hitAt3().hits();
        }
        return new SolutionEvaluation.Figures(
                new SolutionEvaluation.HitRate(n, first), new SolutionEvaluation.HitRate(n, hits));
    }

    /** No repository on both sides of a fold. */
    static int fold(LabelledPost p) {
        String group = p.repo() != null ? p.repo() : p.id();
        return Math.floorMod(group.hashCode(), FOLDS);
    }

    private static void report(String what, SolutionEvaluation.Figures r) {
        System.out.printf(
                Locale.ROOT,
                "solutions [%s]: first fix %.3f, hit@3 %.3f (%d posts)%n",
                what,
                r.firstFix().rate(),
                r.hitAt3().rate(),
                r.hitAt3().posts());
    }
}
