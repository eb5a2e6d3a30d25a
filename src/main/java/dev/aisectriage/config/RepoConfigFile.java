package dev.aisectriage.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.github.LabelSpec;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * {@code .github/ai-security-triage.yml} as written, bound by Jackson once the file has passed its JSON Schema
 * ({@code src/main/resources/config/ai-security-triage.schema.json}); null means the key is absent. A new key is a
 * property in the schema, a component here and a line in {@link RepoConfigParser}.
 */
record RepoConfigFile(
        Boolean enabled,
        Boolean comment,
        Double threshold,
        @JsonProperty("abstain_from") Double abstainFrom,
        Map<String, Label> labels,
        @JsonProperty("issue_type_labels") Boolean issueTypeLabels,
        @JsonProperty("ignore_themes") List<String> ignoreThemes,
        @JsonProperty("ignore_bots") Boolean ignoreBots,
        @JsonProperty("ignore_authors") List<String> ignoreAuthors,
        @JsonProperty("pull_requests") Boolean pullRequests,
        String disclosure,
        @JsonProperty("delay_minutes") Integer delayMinutes) {

    /**
     * The settings, with defaults for every absent key, after the checks a schema cannot make (the abstain band under
     * the threshold, theme names, label names); each failed check goes to {@code error} as (path, message).
     */
    RepoConfig toConfig(String source, BiConsumer<String, String> error) {
        RepoConfig d = RepoConfig.defaults();
        // A repository that lowers the threshold under the default band, without setting the band, gets the band
        // from its threshold up to nothing rather than an error about a key it never wrote.
        double abstain = abstainFrom != null
                ? abstainFrom
                : threshold != null ? Math.min(d.abstainFrom(), threshold) : d.abstainFrom();
        if (threshold != null && abstain > threshold) {
            error.accept(
                    "abstain_from", "abstain_from (" + abstain + ") must not be above threshold (" + threshold + ")");
        }
        Set<Theme> themes = themes(error);
        Map<String, LabelSpec> specs = labelSpecs(d.labels(), error);
        return new RepoConfig(
                or(enabled, d.enabled()),
                or(comment, d.comment()),
                threshold,
                abstain,
                specs,
                or(issueTypeLabels, d.issueTypeLabels()),
                themes,
                or(ignoreBots, d.ignoreBots()),
                new LinkedHashSet<>(ignoreAuthors == null ? List.of() : ignoreAuthors),
                List.of(),
                source,
                or(pullRequests, d.pullRequests()),
                disclosure == null ? d.disclosure() : RepoConfig.Disclosure.parse(disclosure),
                or(delayMinutes, d.delayMinutes()));
    }

    /** {@code ignore_themes} as themes; an unknown name goes to {@code error}. */
    private Set<Theme> themes(BiConsumer<String, String> error) {
        Set<Theme> themes = new LinkedHashSet<>();
        for (String theme : ignoreThemes == null ? List.<String>of() : ignoreThemes) {
            try {
                themes.add(Theme.parse(theme));
            } catch (IllegalArgumentException e) {
                error.accept("ignore_themes", e.getMessage());
            }
        }
        return themes;
    }

    /** The default labels with the file's {@code labels} laid over them; a bad label goes to {@code error}. */
    private Map<String, LabelSpec> labelSpecs(Map<String, LabelSpec> defaults, BiConsumer<String, String> error) {
        Map<String, LabelSpec> specs = new LinkedHashMap<>(defaults);
        (labels == null ? Map.<String, Label>of() : labels).forEach((role, label) -> {
            LabelSpec base = specs.get(role);
            try {
                specs.put(
                        role,
                        new LabelSpec(
                                or(label.name(), base.name()),
                                label.color() == null
                                        ? base.color()
                                        : label.color().replaceFirst("^#", ""),
                                or(label.description(), base.description())));
            } catch (IllegalArgumentException e) {
                error.accept("labels." + role, e.getMessage());
            }
        });
        return specs;
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /** One entry of {@code labels}: a name alone, or a mapping with any of name, color and description. */
    record Label(String name, String color, String description) {

        @JsonCreator
        Label(
                @JsonProperty("name") String name,
                @JsonProperty("color") String color,
                @JsonProperty("description") String description) {
            this.name = name;
            this.color = color;
            this.description = description;
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Label named(String name) {
            return new Label(name, null, null);
        }
    }
}
