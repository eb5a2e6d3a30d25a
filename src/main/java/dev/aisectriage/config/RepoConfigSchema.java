package dev.aisectriage.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The rules of the config file: {@code src/main/resources/config/ai-security-triage.schema.json}, which is also its
 * documentation. Each schema error is worded the way maintainers have always read it, from the schema itself (a
 * boolean key "must be true or false", a 0 to 1 number "must be a number between 0 and 1", ...), so that a key added to
 * the schema gets the right message without code.
 */
final class RepoConfigSchema {

    static final String RESOURCE = "/config/ai-security-triage.schema.json";

    /** One problem: where (as {@code a.b} or {@code a[0]}, the keys of the line map) and what. */
    record Problem(String path, String message) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOCUMENT = read();
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(DOCUMENT.toString(), InputFormat.JSON);
    private static final List<String> KEYS = new ArrayList<>();

    static {
        DOCUMENT.path("properties").fieldNames().forEachRemaining(KEYS::add);
    }

    private RepoConfigSchema() {}

    /** The problems of a file's tree, in the order of the schema's keys (unknown keys first), then by line. */
    static List<Problem> check(JsonNode tree, Map<String, Integer> lines) {
        Map<String, Problem> byPath = new LinkedHashMap<>();
        for (Error e : SCHEMA.validate(tree.toString(), InputFormat.JSON)) {
            List<String> at = new ArrayList<>();
            for (int i = 0; i < e.getInstanceLocation().getNameCount(); i++) {
                at.add(String.valueOf(e.getInstanceLocation().getElement(i)));
            }
            Problem p = problem(at, e, tree);
            byPath.putIfAbsent(p.path(), p);
        }
        return byPath.values().stream()
                .sorted(Comparator.comparingInt((Problem p) -> KEYS.indexOf(top(p.path())))
                        .thenComparingInt(p -> lines.getOrDefault(p.path(), 0)))
                .toList();
    }

    private static Problem problem(List<String> at, Error e, JsonNode tree) {
        String keyword = e.getKeyword();
        JsonNode value = find(tree, at);
        String found = kind(value);
        if ("additionalProperties".equals(keyword)) {
            return unknownKey(at, e.getProperty());
        }
        if (at.isEmpty()) {
            return new Problem("", "expected a mapping of settings, found " + found);
        }
        String key = at.get(at.size() - 1);
        if (at.size() == 1) {
            return new Problem(key, "'" + key + "' " + expected(key) + ", found " + found);
        }
        if (at.get(0).equals("labels") && (at.size() == 2 || at.size() == 3)) {
            return labelProblem(at, keyword, value, found);
        }
        if (at.size() == 2 && key.matches("\\d+")) {
            return new Problem(path(at), "items of '" + at.get(0) + "' must be strings, found " + found);
        }
        return new Problem(path(at), e.getMessage());
    }

    /** A key the schema does not know: at the top, among the labels, or inside one label. */
    private static Problem unknownKey(List<String> at, String key) {
        if (at.isEmpty()) {
            return new Problem(
                    key, "unknown key '" + key + "' (known keys: " + String.join(", ", new TreeSet<>(KEYS)) + ")");
        }
        if (at.size() == 1) {
            return new Problem(
                    "labels." + key,
                    "unknown label '" + key + "' (known: "
                            + String.join(", ", RepoConfig.defaultLabels().keySet()) + ")");
        }
        return new Problem(
                path(at) + "." + key,
                "unknown key '" + key + "' in label '" + at.get(1) + "' (known: color, description, name)");
    }

    /** A problem with one label ({@code labels.x}) or one of its fields ({@code labels.x.color}). */
    private static Problem labelProblem(List<String> at, String keyword, JsonNode value, String found) {
        String key = at.get(at.size() - 1);
        if (at.size() == 2) {
            return new Problem(
                    path(at),
                    "label '" + key + "' must be a name or a mapping with name, color, description; found " + found);
        }
        if ("pattern".equals(keyword)) {
            return new Problem(
                    path(at),
                    "colour of label '" + at.get(1) + "' must be six hex digits, got '"
                            + value.asText().replaceFirst("^#", "") + "'");
        }
        if ("maxLength".equals(keyword)) {
            return new Problem(path(at), key + " of label '" + at.get(1) + "' is longer than 100 characters");
        }
        return new Problem(path(at), "'" + key + "' must be a string, found " + found);
    }

    /** What a top-level key must be, read from its schema. */
    private static String expected(String key) {
        JsonNode property = DOCUMENT.path("properties").path(key);
        String type = property.path("type").isArray()
                ? property.path("type").get(0).asText()
                : property.path("type").asText();
        return switch (type) {
            case "boolean" -> "must be true or false";
            case "number" ->
                "must be a number between " + property.path("minimum").asText("-inf") + " and "
                        + property.path("maximum").asText("inf");
            case "integer" ->
                "must be a whole number between " + property.path("minimum").asText("-inf") + " and "
                        + property.path("maximum").asText("inf");
            case "string" -> property.has("enum") ? "must be one of " + choices(property) : "must be text";
            case "array" -> "must be a list";
            case "object" ->
                "must be a mapping of " + RepoConfig.defaultLabels().keySet();
            default -> "must be " + type;
        };
    }

    private static String choices(JsonNode property) {
        List<String> values = new ArrayList<>();
        property.path("enum").forEach(v -> values.add(v.asText()));
        return String.join(", ", values);
    }

    private static String top(String path) {
        return path.replaceFirst("[.\\[].*$", "");
    }

    private static String path(List<String> at) {
        StringBuilder s = new StringBuilder();
        for (String part : at) {
            s.append(part.matches("\\d+") ? "[" + part + "]" : (s.isEmpty() ? "" : ".") + part);
        }
        return s.toString();
    }

    private static JsonNode find(JsonNode tree, List<String> at) {
        JsonNode node = tree;
        for (String part : at) {
            node = node.isArray() && part.matches("\\d+") ? node.path(Integer.parseInt(part)) : node.path(part);
        }
        return node;
    }

    /** How a value is named in a message: {@code a mapping}, {@code text 'high'}, {@code number '5'}, ... */
    static String kind(JsonNode v) {
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isNull() || v.isMissingNode()) {
            return "nothing";
        }
        return (v.isTextual() ? "text " : v.isNumber() ? "number " : "") + "'" + v.asText() + "'";
    }

    private static JsonNode read() {
        try (InputStream in = RepoConfigSchema.class.getResourceAsStream(RESOURCE)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
