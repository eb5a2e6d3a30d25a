package dev.aisectriage.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.github.LabelSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the YAML file strictly: an unknown key or a value of the wrong type is an error naming the file and the
 * line. A file with any error is not applied at all; the bot runs on defaults and shows the errors.
 */
public final class RepoConfigParser {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final Set<String> TOP_KEYS = Set.of(
            "enabled",
            "comment",
            "threshold",
            "abstain_from",
            "labels",
            "issue_type_labels",
            "ignore_themes",
            "ignore_bots",
            "ignore_authors",
            "pull_requests");
    private static final Set<String> LABEL_KEYS = Set.of("name", "color", "description");

    private RepoConfigParser() {}

    /** @param file how the file is named in error messages, e.g. {@code octo/ml:.github/ai-security-triage.yml} */
    public static RepoConfig parse(String yaml, String file) {
        Map<String, Integer> lines = new HashMap<>();
        JsonNode root;
        try (JsonParser p = YAML.createParser(yaml)) {
            JsonToken first = p.nextToken();
            root = first == null ? JsonNodeFactory.instance.objectNode() : read(p, "", lines);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr();
            return RepoConfig.defaults()
                    .withErrors(List.of(file + where + ": not valid YAML: " + e.getOriginalMessage()), file);
        } catch (IOException e) {
            return RepoConfig.defaults().withErrors(List.of(file + ": cannot be read: " + e.getMessage()), file);
        }
        Reader r = new Reader(file, lines);
        RepoConfig config = r.config(root);
        return r.errors.isEmpty() ? config : RepoConfig.defaults().withErrors(r.errors, file);
    }

    /** Builds a tree, remembering the line of each key as {@code a.b}. */
    private static JsonNode read(JsonParser p, String path, Map<String, Integer> lines) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                String child = path.isEmpty() ? key : path + "." + key;
                lines.put(child, p.currentTokenLocation().getLineNr());
                p.nextToken();
                o.set(key, read(p, child, lines));
            }
            return o;
        }
        if (t == JsonToken.START_ARRAY) {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                lines.put(path + "[" + i + "]", p.currentTokenLocation().getLineNr());
                a.add(read(p, path + "[" + i++ + "]", lines));
            }
            return a;
        }
        return scalar(p);
    }

    private static JsonNode scalar(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_TRUE, VALUE_FALSE -> JsonNodeFactory.instance.booleanNode(p.getBooleanValue());
            // a leading zero (a colour like 001122) is text to the reader, not an octal number
            case VALUE_NUMBER_INT ->
                p.getText().startsWith("0") && p.getText().length() > 1
                        ? JsonNodeFactory.instance.textNode(p.getText())
                        : JsonNodeFactory.instance.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> JsonNodeFactory.instance.numberNode(p.getDoubleValue());
            case VALUE_NULL -> JsonNodeFactory.instance.nullNode();
            default -> JsonNodeFactory.instance.textNode(p.getText());
        };
    }

    private static final class Reader {
        final String file;
        final Map<String, Integer> lines;
        final List<String> errors = new ArrayList<>();

        Reader(String file, Map<String, Integer> lines) {
            this.file = file;
            this.lines = lines;
        }

        RepoConfig config(JsonNode root) {
            RepoConfig d = RepoConfig.defaults();
            if (!root.isObject()) {
                errors.add(file + " line 1: expected a mapping of settings, found " + kind(root));
                return d;
            }
            root.fieldNames().forEachRemaining(k -> {
                if (!TOP_KEYS.contains(k)) {
                    error(
                            k,
                            "unknown key '" + k + "' (known keys: "
                                    + String.join(", ", new java.util.TreeSet<>(TOP_KEYS)) + ")");
                }
            });
            boolean enabled = bool(root, "enabled", d.enabled());
            boolean comment = bool(root, "comment", d.comment());
            Double threshold = root.has("threshold") && !root.get("threshold").isNull()
                    ? Double.valueOf(probability(root, "threshold", 0.5))
                    : d.threshold();
            double abstainFrom =
                    root.has("abstain_from") ? probability(root, "abstain_from", d.abstainFrom()) : d.abstainFrom();
            if (threshold != null && abstainFrom > threshold) {
                error(
                        "abstain_from",
                        "abstain_from (" + abstainFrom + ") must not be above threshold (" + threshold + ")");
            }
            boolean issueTypeLabels = bool(root, "issue_type_labels", d.issueTypeLabels());
            boolean ignoreBots = bool(root, "ignore_bots", d.ignoreBots());
            boolean pullRequests = bool(root, "pull_requests", d.pullRequests());
            Set<Theme> ignoreThemes = new LinkedHashSet<>();
            for (String s : strings(root, "ignore_themes")) {
                try {
                    ignoreThemes.add(Theme.parse(s));
                } catch (IllegalArgumentException e) {
                    error("ignore_themes", e.getMessage());
                }
            }
            Set<String> ignoreAuthors = new LinkedHashSet<>(strings(root, "ignore_authors"));
            Map<String, LabelSpec> labels = labels(root.get("labels"), d.labels());
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
                    List.of(),
                    file,
                    pullRequests);
        }

        Map<String, LabelSpec> labels(JsonNode node, Map<String, LabelSpec> defaults) {
            Map<String, LabelSpec> out = new LinkedHashMap<>(defaults);
            if (node == null || node.isNull()) {
                return out;
            }
            if (!node.isObject()) {
                error("labels", "'labels' must be a mapping of " + defaults.keySet() + ", found " + kind(node));
                return out;
            }
            node.fields().forEachRemaining(e -> {
                String role = e.getKey();
                String path = "labels." + role;
                LabelSpec base = defaults.get(role);
                if (base == null) {
                    error(path, "unknown label '" + role + "' (known: " + String.join(", ", defaults.keySet()) + ")");
                    return;
                }
                JsonNode v = e.getValue();
                String name = base.name();
                String color = base.color();
                String description = base.description();
                if (v.isTextual()) {
                    name = v.asText();
                } else if (v.isObject()) {
                    v.fieldNames().forEachRemaining(k -> {
                        if (!LABEL_KEYS.contains(k)) {
                            error(
                                    path + "." + k,
                                    "unknown key '" + k + "' in label '" + role
                                            + "' (known: color, description, name)");
                        }
                    });
                    name = text(v, path, "name", name);
                    JsonNode c = v.get("color");
                    color = c != null && c.isIntegralNumber()
                            ? String.format(java.util.Locale.ROOT, "%06d", c.asLong()) // YAML reads 001122 as a number
                            : text(v, path, "color", color).replaceFirst("^#", "");
                    description = text(v, path, "description", description);
                } else {
                    error(
                            path,
                            "label '" + role + "' must be a name or a mapping with name, color, description; found "
                                    + kind(v));
                    return;
                }
                if (!color.matches("[0-9a-fA-F]{6}")) {
                    error(
                            path + ".color",
                            "colour of label '" + role + "' must be six hex digits, got '" + color + "'");
                    return;
                }
                if (description != null && description.length() > 100) {
                    error(path + ".description", "description of label '" + role + "' is longer than 100 characters");
                    return;
                }
                try {
                    out.put(role, new LabelSpec(name, color, description));
                } catch (IllegalArgumentException ex) {
                    error(path, ex.getMessage());
                }
            });
            return out;
        }

        boolean bool(JsonNode o, String key, boolean fallback) {
            JsonNode v = o.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isBoolean()) {
                error(key, "'" + key + "' must be true or false, found " + kind(v));
                return fallback;
            }
            return v.asBoolean();
        }

        double probability(JsonNode o, String key, double fallback) {
            JsonNode v = o.get(key);
            if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
                error(key, "'" + key + "' must be a number between 0 and 1, found " + kind(v));
                return fallback;
            }
            return v.asDouble();
        }

        List<String> strings(JsonNode o, String key) {
            JsonNode v = o.get(key);
            List<String> out = new ArrayList<>();
            if (v == null || v.isNull()) {
                return out;
            }
            if (!v.isArray()) {
                error(key, "'" + key + "' must be a list, found " + kind(v));
                return out;
            }
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual()) {
                    error(key + "[" + i + "]", "items of '" + key + "' must be strings, found " + kind(v.get(i)));
                } else {
                    out.add(v.get(i).asText());
                }
            }
            return out;
        }

        String text(JsonNode o, String path, String key, String fallback) {
            JsonNode v = o.get(key);
            if (v == null) {
                return fallback;
            }
            if (!v.isTextual()) {
                error(path + "." + key, "'" + key + "' must be a string, found " + kind(v));
                return fallback;
            }
            return v.asText();
        }

        void error(String path, String message) {
            Integer line = lines.get(path);
            errors.add(file + (line == null ? "" : " line " + line) + ": " + message);
        }

        static String kind(JsonNode v) {
            if (v.isObject()) {
                return "a mapping";
            }
            if (v.isArray()) {
                return "a list";
            }
            if (v.isNull()) {
                return "nothing";
            }
            return (v.isTextual() ? "text " : v.isNumber() ? "number " : "") + "'" + v.asText() + "'";
        }
    }
}
