package dev.aisectriage.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.classify.Theme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Issue type to ranked solutions: co-occurrence of {@code issue_codes} and {@code solution_codes} in coded posts,
 * shrunk towards the catalogue's curated ranking. For an issue type seen in {@code n} posts, of which {@code c} carry
 * solution {@code s}: {@code P(s | issue) = (c + m * q(s)) / (n + m)}, where {@code q} is the curated ranking
 * (weights 1, 1/2, 1/3... normalised) blended with the overall solution frequency, and {@code m} the smoothing
 * strength. With no coded posts the curated ranking decides alone; with many, the data does. The same is learned per
 * primary theme, as a fallback when a prediction has no issue types.
 */
public final class SolutionMapping {

    public static final String RESOURCE = "/catalogue/issue-solutions.json";
    /** Chosen by grouped 5-fold cross-validation: hit@3 plateaus between 4 and 8 (docs/catalogue.md). */
    public static final double DEFAULT_SMOOTHING = 4.0;
    /** Share of the prior taken from overall solution frequency rather than from the curated ranking. */
    public static final double GLOBAL_SHARE = 0.2;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One solution's probability for an issue type (or theme), and in how many coded posts they appeared together. */
    public record Entry(String solutionId, double score, int support) {}

    /** The ranking for one issue type or theme, and how many coded posts it was learned from. */
    public record Ranked(int posts, List<Entry> solutions) {
        public static final Ranked EMPTY = new Ranked(0, List.of());

        public Ranked {
            solutions = List.copyOf(solutions);
        }
    }

    private final int posts;
    private final double smoothing;
    private final Map<String, Ranked> issues;
    private final Map<Theme, Ranked> themes;

    public SolutionMapping(int posts, double smoothing, Map<String, Ranked> issues, Map<Theme, Ranked> themes) {
        this.posts = posts;
        this.smoothing = smoothing;
        this.issues = Map.copyOf(issues);
        this.themes = Map.copyOf(themes);
    }

    /** The committed artefact on the classpath. */
    public static SolutionMapping load() {
        try (InputStream in = SolutionMapping.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE + " is missing");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    public static SolutionMapping read(InputStream in) throws IOException {
        JsonNode root = JSON.readTree(in);
        Map<String, Ranked> issues = new TreeMap<>();
        root.path("issues").fields().forEachRemaining(e -> issues.put(e.getKey(), ranked(e.getValue())));
        Map<Theme, Ranked> themes = new EnumMap<>(Theme.class);
        root.path("themes").fields().forEachRemaining(e -> themes.put(Theme.parse(e.getKey()), ranked(e.getValue())));
        return new SolutionMapping(
                root.path("posts").asInt(), root.path("smoothing").asDouble(), issues, themes);
    }

    /** Writes the artefact as pretty JSON: stable order, rounded scores, no timestamp, so a rebuild on the same data is identical. */
    public void writeTo(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        root.put("about", "issue type -> solution ranking learned by SolutionMapping.learn; see docs/catalogue.md");
        root.put("posts", posts);
        root.put("smoothing", smoothing);
        ObjectNode issuesNode = root.putObject("issues");
        new TreeMap<>(issues).forEach((id, r) -> issuesNode.set(id, toJson(r)));
        ObjectNode themesNode = root.putObject("themes");
        themes.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> themesNode.set(e.getKey().name(), toJson(e.getValue())));
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public Ranked forIssue(String issueTypeId) {
        return issues.getOrDefault(issueTypeId, Ranked.EMPTY);
    }

    public Ranked forTheme(Theme theme) {
        return themes.getOrDefault(theme, Ranked.EMPTY);
    }

    /** How many coded posts (with issue and solution codes) it was learned from. */
    public int posts() {
        return posts;
    }

    public Set<String> issueTypeIds() {
        return issues.keySet();
    }

    private static ObjectNode toJson(Ranked r) {
        ObjectNode node = JSON.createObjectNode();
        node.put("posts", r.posts());
        ArrayNode list = node.putArray("solutions");
        r.solutions()
                .forEach(e -> list.addObject()
                        .put("solution", e.solutionId())
                        .put("score", e.score())
                        .put("support", e.support()));
        return node;
    }

    private static Ranked ranked(JsonNode node) {
        List<Entry> entries = new ArrayList<>();
        node.path("solutions")
                .forEach(e -> entries.add(new Entry(
                        e.path("solution").asText(),
                        e.path("score").asDouble(),
                        e.path("support").asInt())));
        return new Ranked(node.path("posts").asInt(), entries);
    }
}
