package dev.aisectriage.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aisectriage.classify.Theme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mitigation catalogue and the taxonomy, read from {@code catalogue/catalogue.yml} and validated on load: 24
 * solutions, 32 issue types, known ids everywhere, 2 to 5 steps per solution, https links only.
 */
public final class Catalogue {

    public static final String RESOURCE = "/catalogue/catalogue.yml";
    public static final int SOLUTION_COUNT = 24;
    public static final int ISSUE_TYPE_COUNT = 32;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Map<String, Solution> solutions;
    private final Map<String, IssueType> issueTypes;
    private final Map<String, List<String>> curated;
    private final List<KeywordBoost> keywordBoosts;

    private Catalogue(
            Map<String, Solution> solutions,
            Map<String, IssueType> issueTypes,
            Map<String, List<String>> curated,
            List<KeywordBoost> keywordBoosts) {
        this.solutions = solutions;
        this.issueTypes = issueTypes;
        this.curated = curated;
        this.keywordBoosts = keywordBoosts;
    }

    /** The catalogue shipped in the jar. */
    public static Catalogue load() {
        try (InputStream in = Catalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE + " is missing");
            }
            return parse(in, RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads and validates a catalogue; every problem found is listed in one {@link IllegalStateException}. */
    public static Catalogue parse(InputStream yaml, String source) {
        JsonNode root = readRoot(yaml, source);
        List<String> errors = new ArrayList<>();
        Map<String, Solution> solutions = solutions(root, errors);
        Map<String, IssueType> issueTypes = issueTypes(root, errors);
        checkReferencesAndCounts(solutions, issueTypes, errors);
        Map<String, List<String>> curated = curated(root, solutions, issueTypes, errors);
        List<KeywordBoost> boosts = keywordBoosts(root, solutions, errors);
        if (!errors.isEmpty()) {
            throw new IllegalStateException(source + " is invalid:\n  " + String.join("\n  ", errors));
        }
        return new Catalogue(
                Collections.unmodifiableMap(solutions),
                Collections.unmodifiableMap(issueTypes),
                Map.copyOf(curated),
                List.copyOf(boosts));
    }

    private static JsonNode readRoot(InputStream yaml, String source) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (IOException e) {
            throw new IllegalStateException(source + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalStateException(source + ": expected a mapping at the top level");
        }
        return root;
    }

    private static Map<String, Solution> solutions(JsonNode root, List<String> errors) {
        Map<String, Solution> solutions = new LinkedHashMap<>();
        for (JsonNode n : root.path("solutions")) {
            Solution s = solution(n, errors);
            if (s != null && solutions.putIfAbsent(s.id(), s) != null) {
                errors.add("solution '" + s.id() + "' appears twice");
            }
        }
        return solutions;
    }

    private static Map<String, IssueType> issueTypes(JsonNode root, List<String> errors) {
        Map<String, IssueType> issueTypes = new LinkedHashMap<>();
        for (JsonNode n : root.path("issue_types")) {
            IssueType t = issueType(n, errors);
            if (t != null && issueTypes.putIfAbsent(t.id(), t) != null) {
                errors.add("issue type '" + t.id() + "' appears twice");
            }
        }
        return issueTypes;
    }

    /** Every step aims at a known issue type; there are as many solutions and issue types as the study has. */
    private static void checkReferencesAndCounts(
            Map<String, Solution> solutions, Map<String, IssueType> issueTypes, List<String> errors) {
        solutions
                .values()
                .forEach(s -> s.steps()
                        .forEach(step -> step.issueTypes().stream()
                                .filter(id -> !issueTypes.containsKey(id))
                                .forEach(id -> errors.add(
                                        "solution '" + s.id() + "': step aimed at unknown issue type '" + id + "'"))));
        if (solutions.size() != SOLUTION_COUNT) {
            errors.add("expected " + SOLUTION_COUNT + " solutions, found " + solutions.size());
        }
        if (issueTypes.size() != ISSUE_TYPE_COUNT) {
            errors.add("expected " + ISSUE_TYPE_COUNT + " issue types, found " + issueTypes.size());
        }
    }

    /** The curated ranking of solutions per issue type: one non-empty ranking of known solutions for each type. */
    private static Map<String, List<String>> curated(
            JsonNode root, Map<String, Solution> solutions, Map<String, IssueType> issueTypes, List<String> errors) {
        Map<String, List<String>> curated = new LinkedHashMap<>();
        root.path("curated").fields().forEachRemaining(e -> {
            if (!issueTypes.containsKey(e.getKey())) {
                errors.add("curated: unknown issue type '" + e.getKey() + "'");
            }
            List<String> ranked = strings(e.getValue());
            ranked.stream()
                    .filter(id -> !solutions.containsKey(id))
                    .forEach(id -> errors.add("curated." + e.getKey() + ": unknown solution '" + id + "'"));
            if (ranked.isEmpty()) {
                errors.add("curated." + e.getKey() + ": empty ranking");
            }
            curated.put(e.getKey(), List.copyOf(ranked));
        });
        issueTypes.keySet().stream()
                .filter(id -> !curated.containsKey(id))
                .forEach(id -> errors.add("curated: no ranking for issue type '" + id + "'"));
        return curated;
    }

    private static List<KeywordBoost> keywordBoosts(
            JsonNode root, Map<String, Solution> solutions, List<String> errors) {
        List<KeywordBoost> boosts = new ArrayList<>();
        for (JsonNode n : root.path("keyword_boosts")) {
            String solution = n.path("solution").asText("");
            if (!solutions.containsKey(solution)) {
                errors.add("keyword_boosts: unknown solution '" + solution + "'");
            }
            List<String> keywords = strings(n.path("keywords"));
            double weight = n.path("weight").asDouble(0);
            if (keywords.isEmpty() || weight <= 0 || weight > 1) {
                errors.add("keyword_boosts for '" + solution + "': needs keywords and a weight in (0, 1]");
            }
            boosts.add(new KeywordBoost(
                    keywords, solution, weight, n.path("because").asText("")));
        }
        return boosts;
    }

    public Collection<Solution> solutions() {
        return solutions.values();
    }

    public Collection<IssueType> issueTypes() {
        return issueTypes.values();
    }

    public Optional<Solution> solution(String id) {
        return Optional.ofNullable(solutions.get(id));
    }

    public Optional<IssueType> issueType(String id) {
        return Optional.ofNullable(issueTypes.get(id));
    }

    /** The curated ranking of solutions for an issue type, strongest first (empty for an unknown id). */
    public List<String> curated(String issueTypeId) {
        return curated.getOrDefault(issueTypeId, List.of());
    }

    public List<KeywordBoost> keywordBoosts() {
        return keywordBoosts;
    }

    private static Solution solution(JsonNode n, List<String> errors) {
        String id = n.path("id").asText("");
        String where = "solution '" + id + "'";
        if (id.isBlank()) {
            errors.add("a solution has no id");
            return null;
        }
        Theme theme = theme(n, where, errors);
        List<Solution.Step> steps = new ArrayList<>();
        for (JsonNode step : n.path("steps")) {
            if (step.isObject()) {
                steps.add(new Solution.Step(step.path("text").asText(""), strings(step.path("for"))));
            } else {
                steps.add(new Solution.Step(step.asText(""), List.of()));
            }
        }
        if (steps.stream().anyMatch(step -> step.text().isBlank())) {
            errors.add(where + ": a step has no text");
        }
        if (steps.size() < 2 || steps.size() > 5) {
            errors.add(where + ": needs 2 to 5 steps, has " + steps.size());
        }
        List<Solution.Link> links = new ArrayList<>();
        for (JsonNode l : n.path("links")) {
            String url = l.path("url").asText("");
            if (!isHttpsUrl(url)) {
                errors.add(where + ": link is not an https URL: '" + url + "'");
            }
            links.add(new Solution.Link(l.path("title").asText(url), url));
        }
        if (links.isEmpty()) {
            errors.add(where + ": needs at least one link");
        }
        require(n, "name", where, errors);
        require(n, "summary", where, errors);
        return new Solution(
                id, n.path("name").asText(), theme, n.path("summary").asText(), steps, links);
    }

    private static IssueType issueType(JsonNode n, List<String> errors) {
        String id = n.path("id").asText("");
        String where = "issue type '" + id + "'";
        if (id.isBlank()) {
            errors.add("an issue type has no id");
            return null;
        }
        Theme theme = theme(n, where, errors);
        require(n, "name", where, errors);
        require(n, "description", where, errors);
        return new IssueType(
                id,
                n.path("name").asText(),
                theme,
                n.path("sub_theme").asText(""),
                n.path("description").asText());
    }

    private static Theme theme(JsonNode n, String where, List<String> errors) {
        try {
            return Theme.parse(n.path("theme").asText(""));
        } catch (IllegalArgumentException e) {
            errors.add(where + ": " + e.getMessage());
            return null;
        }
    }

    private static void require(JsonNode n, String field, String where, List<String> errors) {
        if (n.path(field).asText("").isBlank()) {
            errors.add(where + ": '" + field + "' is missing");
        }
    }

    private static boolean isHttpsUrl(String url) {
        try {
            URI uri = new URI(url);
            return "https".equals(uri.getScheme())
                    && uri.getHost() != null
                    && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
