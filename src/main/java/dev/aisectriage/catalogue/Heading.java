package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Prediction;
import java.util.Comparator;
import java.util.Optional;

/** The issue type a comment's heading names: the most likely one, if the classifier gives it at least 0.15. */
final class Heading {

    /** An issue type is named in the verdict only from this probability up; below it the theme alone is given. */
    static final double NAME_ISSUE_TYPE_FROM = 0.15;

    private Heading() {}

    static Optional<Prediction.IssueTypeScore> issueType(Prediction p) {
        return p.issueTypes().stream()
                .max(Comparator.comparingDouble(Prediction.IssueTypeScore::probability))
                .filter(t -> t.probability() >= NAME_ISSUE_TYPE_FROM);
    }
}
