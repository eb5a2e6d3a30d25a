package dev.aisectriage.catalogue;

import java.util.List;

/**
 * How much of the triage comment's body to show; tried from richest to leanest until the comment fits. Without
 * {@code alsoConsider} the other candidates are still named, on one line, without their summaries.
 */
record Layout(int mitigations, int steps, boolean alsoConsider, boolean moreSteps, int links) {

    static final List<Layout> RICHEST_FIRST = List.of(
            new Layout(3, 3, true, true, 2),
            new Layout(3, 3, true, false, 2),
            new Layout(3, 3, false, false, 2),
            new Layout(2, 3, true, true, 2),
            new Layout(2, 3, true, false, 2),
            new Layout(2, 3, false, false, 2),
            new Layout(2, 2, false, false, 2),
            new Layout(2, 2, false, false, 1));
}
