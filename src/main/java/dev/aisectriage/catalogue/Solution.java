package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Theme;
import java.util.ArrayList;
import java.util.List;

/** One solution type of the taxonomy as the catalogue describes it: what to do, in 2 to 5 steps, with sources. */
public record Solution(String id, String name, Theme theme, String summary, List<Step> steps, List<Link> links) {

    public Solution {
        steps = List.copyOf(steps);
        links = List.copyOf(links);
    }

    /**
     * The steps in the order to show them for an issue type: steps aimed at that issue type first, then general
     * steps, then steps aimed at other issue types; catalogue order within each group.
     */
    public List<Step> stepsFor(String issueTypeId) {
        List<Step> aimed = new ArrayList<>();
        List<Step> general = new ArrayList<>();
        List<Step> other = new ArrayList<>();
        for (Step step : steps) {
            if (step.issueTypes().contains(issueTypeId)) {
                aimed.add(step);
            } else if (step.issueTypes().isEmpty()) {
                general.add(step);
            } else {
                other.add(step);
            }
        }
        aimed.addAll(general);
        aimed.addAll(other);
        return aimed;
    }

    /** One concrete step; {@code issueTypes} lists the issue types it is aimed at (empty: general). */
    public record Step(String text, List<String> issueTypes) {
        public Step {
            issueTypes = List.copyOf(issueTypes);
        }
    }

    /** A primary source: the library's own documentation, GitHub docs, OWASP, NIST or CISA. */
    public record Link(String title, String url) {}
}
