package dev.aisectriage.config;

import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.github.LabelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A repository's settings from {@code .github/ai-security-triage.yml}, with defaults for everything missing.
 *
 * @param threshold    probability from which a thread is flagged; null means the model's own decision
 * @param abstainFrom  probability from which a thread that is not flagged gets only the needs-triage label
 * @param labels       label per role: {@code flag}, {@code needs-triage} and one per theme slug
 * @param errors       problems found in the file (the bot then runs on defaults); shown in the comment footer
 * @param source       where the settings came from ({@code owner/repo:path}), or {@code defaults}
 * @param pullRequests whether opened and edited pull requests are classified (labels only, never a comment)
 * @param disclosure   what the bot does with an undisclosed report posted in public (docs/security-teams.md)
 * @param delayMinutes how long the bot waits before acting on a new post, for maintainers to act first
 */
public record RepoConfig(
        boolean enabled,
        boolean comment,
        Double threshold,
        double abstainFrom,
        Map<String, LabelSpec> labels,
        boolean issueTypeLabels,
        Set<Theme> ignoreThemes,
        boolean ignoreBots,
        Set<String> ignoreAuthors,
        List<String> errors,
        String source,
        boolean pullRequests,
        Disclosure disclosure,
        int delayMinutes) {

    public static final String FILE = ".github/ai-security-triage.yml";
    public static final String FLAG = "flag";
    public static final String NEEDS_TRIAGE = "needs-triage";
    static final String ISSUE_TYPE_PREFIX = "ai-security-type: ";
    static final String ISSUE_TYPE_COLOR = "c5def5";

    /** {@code disclosure}: point the reporter to the private channel, or also contain what leaked. */
    public enum Disclosure {
        POINT,
        CONTAIN;

        /** The file's word ({@code point}, {@code contain}); the schema has checked it is one. */
        static Disclosure parse(String word) {
            return valueOf(word.toUpperCase(Locale.ROOT));
        }
    }

    public RepoConfig {
        labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        ignoreThemes = Set.copyOf(ignoreThemes);
        ignoreAuthors = Set.copyOf(
                ignoreAuthors.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList());
        errors = List.copyOf(errors);
    }

    /**
     * The abstain band's lower edge unless a repository sets its own: the one training chose for the bundled model
     * on a tracker's stream (its artefact carries it; a test keeps the two equal).
     */
    public static final double DEFAULT_ABSTAIN_FROM = 0.39;

    public static RepoConfig defaults() {
        return new RepoConfig(
                true,
                true,
                null,
                DEFAULT_ABSTAIN_FROM,
                defaultLabels(),
                false,
                Set.of(),
                true,
                Set.of(),
                List.of(),
                "defaults",
                false,
                Disclosure.POINT,
                0);
    }

    static Map<String, LabelSpec> defaultLabels() {
        Map<String, LabelSpec> m = new LinkedHashMap<>();
        m.put(
                FLAG,
                new LabelSpec(
                        "security", "d73a4a", "Security-related report (set by ai-security-triage; remove if wrong)"));
        m.put(
                NEEDS_TRIAGE,
                new LabelSpec(
                        "ai-security: needs-triage",
                        "fbca04",
                        "Might be security-related: a maintainer should take a look"));
        m.put(
                Theme.SYSTEM_SOFTWARE.slug(),
                new LabelSpec(
                        "ai-security: system-software",
                        "5319e7",
                        "Security of the software and systems around the model (deserialization, web UIs, code execution)"));
        m.put(
                Theme.EXTERNAL_ECOSYSTEM.slug(),
                new LabelSpec(
                        "ai-security: ecosystem", "1d76db", "Security of dependencies, model hubs and external tools"));
        m.put(
                Theme.MODEL.slug(),
                new LabelSpec(
                        "ai-security: model",
                        "0e8a16",
                        "Security of the model itself (jailbreaks, prompt injection, backdoors, extraction)"));
        m.put(
                Theme.DATA.slug(),
                new LabelSpec(
                        "ai-security: data",
                        "006b75",
                        "Security and privacy of training or user data (poisoning, leakage, personal data)"));
        return m;
    }

    public RepoConfig withErrors(List<String> more, String from) {
        List<String> all = new ArrayList<>(errors);
        all.addAll(more);
        return new RepoConfig(
                enabled,
                comment,
                threshold,
                abstainFrom,
                labels,
                issueTypeLabels,
                ignoreThemes,
                ignoreBots,
                ignoreAuthors,
                all,
                from,
                pullRequests,
                disclosure,
                delayMinutes);
    }

    public String flagLabel() {
        return labels.get(FLAG).name();
    }

    public String needsTriageLabel() {
        return labels.get(NEEDS_TRIAGE).name();
    }

    public String themeLabel(Theme theme) {
        return labels.get(theme.slug()).name();
    }

    public Set<String> themeLabels() {
        Set<String> out = new LinkedHashSet<>();
        for (Theme t : Theme.values()) {
            out.add(themeLabel(t));
        }
        return out;
    }

    /** The theme a label name stands for, if it is one of the theme labels. */
    public java.util.Optional<Theme> themeOfLabel(String name) {
        for (Theme t : Theme.values()) {
            if (themeLabel(t).equalsIgnoreCase(name)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }

    public LabelSpec issueTypeLabel(Prediction.IssueTypeScore type) {
        String description = ("AI security issue type: " + type.name());
        return new LabelSpec(ISSUE_TYPE_PREFIX + type.id(), ISSUE_TYPE_COLOR, description);
    }

    /** Every label the bot may add (issue-type labels aside), to recognise its own on a thread. */
    public boolean isBotLabel(String name) {
        return labels.values().stream().anyMatch(l -> l.name().equalsIgnoreCase(name))
                || name.toLowerCase(Locale.ROOT).startsWith(ISSUE_TYPE_PREFIX);
    }

    /** The labels created when the App is installed. */
    public List<LabelSpec> labelsToCreate() {
        return List.copyOf(labels.values());
    }

    public boolean ignoresAuthor(String login, boolean isBot) {
        return (ignoreBots && isBot) || (login != null && ignoreAuthors.contains(login.toLowerCase(Locale.ROOT)));
    }

    /** Flagged at the configured threshold, or at the model's own when none is set. */
    public boolean flags(Prediction p) {
        return threshold == null ? p.security() : p.securityProbability() >= threshold;
    }
}
