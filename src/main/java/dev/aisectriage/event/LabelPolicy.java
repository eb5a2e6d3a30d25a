package dev.aisectriage.event;

import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.github.LabelSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Which of the labels a verdict wants the bot may add, people first: none if a person already set a theme label,
 * and never one the thread has, one the bot added before, one a person removed from the thread, or one a
 * maintainer deleted from the repository. Pure.
 */
final class LabelPolicy {

    private LabelPolicy() {}

    /** A theme label on the thread that the bot did not add: a person's judgement, which the bot defers to. */
    static boolean personSetTheme(Set<String> threadLabels, Set<String> addedByBot, RepoConfig config) {
        Set<String> bots = lower(addedByBot);
        return threadLabels.stream()
                .anyMatch(l -> config.themeOfLabel(l).isPresent() && !bots.contains(l.toLowerCase(Locale.ROOT)));
    }

    /** The names to add, in the order wanted, without duplicates and without any name of {@code skip} (any case). */
    @SafeVarargs
    static List<String> toAdd(List<LabelSpec> wanted, Collection<String>... skip) {
        Set<String> skipped = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (Collection<String> names : skip) {
            skipped.addAll(names);
        }
        List<String> names = new ArrayList<>();
        for (LabelSpec label : wanted) {
            if (!skipped.contains(label.name()) && !names.contains(label.name())) {
                names.add(label.name());
            }
        }
        return names;
    }

    /**
     * Labels to create before adding: issue-type labels (not among the config's own, which are created at install)
     * on first use, with their colour rather than GitHub's grey.
     */
    static List<LabelSpec> toCreate(
            List<LabelSpec> wanted, List<String> toAdd, RepoConfig config, Predicate<String> createdBefore) {
        List<LabelSpec> out = new ArrayList<>();
        for (LabelSpec label : wanted) {
            if (toAdd.contains(label.name())
                    && !config.labels().containsValue(label)
                    && !createdBefore.test(label.name())
                    && !out.contains(label)) {
                out.add(label);
            }
        }
        return out;
    }

    /**
     * The labels the bot takes back on a correction: those it added and nobody removed since, but those the corrected
     * verdict calls for ({@code keep}).
     */
    static List<String> toWithdraw(Set<String> addedByBot, Set<String> removedByHumans, Collection<String> keep) {
        Set<String> removed = lower(removedByHumans);
        removed.addAll(lower(Set.copyOf(keep)));
        return addedByBot.stream()
                .filter(l -> !removed.contains(l.toLowerCase(Locale.ROOT)))
                .toList();
    }

    private static Set<String> lower(Set<String> labels) {
        Set<String> out = new LinkedHashSet<>();
        labels.forEach(l -> out.add(l.toLowerCase(Locale.ROOT)));
        return out;
    }
}
