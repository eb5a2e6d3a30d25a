package dev.aisectriage.event;

import dev.aisectriage.classify.Prediction;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.Verdict;
import dev.aisectriage.github.LabelSpec;
import java.util.ArrayList;
import java.util.List;

/** What a prediction means for a thread under its repository's config, and the labels that verdict calls for. Pure. */
public final class Verdicts {

    /** The issue-type label is added only when the model is at least this sure of the type. */
    private static final double ISSUE_TYPE_LABEL_FROM = 0.5;

    private Verdicts() {}

    public static Verdict verdict(Prediction p, RepoConfig config) {
        if (config.flags(p)) {
            return config.ignoreThemes().contains(p.primaryTheme()) ? Verdict.IGNORED : Verdict.FLAGGED;
        }
        return p.securityProbability() >= config.abstainFrom() ? Verdict.ABSTAINED : Verdict.PASSED;
    }

    /** Flagged: flag, theme and (if switched on and sure enough) issue type; abstained: needs-triage; else none. */
    public static List<LabelSpec> labelsFor(Verdict verdict, Prediction p, RepoConfig config) {
        List<LabelSpec> out = new ArrayList<>();
        if (verdict == Verdict.FLAGGED) {
            out.add(config.labels().get(RepoConfig.FLAG));
            out.add(config.labels().get(p.primaryTheme().slug()));
            if (config.issueTypeLabels()
                    && !p.issueTypes().isEmpty()
                    && p.issueTypes().get(0).probability() >= ISSUE_TYPE_LABEL_FROM) {
                out.add(config.issueTypeLabel(p.issueTypes().get(0)));
            }
        } else if (verdict == Verdict.ABSTAINED) {
            out.add(config.labels().get(RepoConfig.NEEDS_TRIAGE));
        }
        return out;
    }
}
