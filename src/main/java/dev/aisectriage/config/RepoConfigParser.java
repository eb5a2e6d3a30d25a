package dev.aisectriage.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the YAML file strictly: it must pass the JSON Schema ({@link RepoConfigSchema}), then it is bound to
 * {@link RepoConfigFile} by Jackson and turned into a {@link RepoConfig}. Every error names the file and the line
 * (from the YAML parser's locations). A file with any error is not applied at all; the bot runs on defaults and shows
 * the errors.
 */
public final class RepoConfigParser {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final ObjectMapper BINDER =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RepoConfigParser() {}

    /** @param file how the file is named in error messages, e.g. {@code octo/ml:.github/ai-security-triage.yml} */
    public static RepoConfig parse(String yaml, String file) {
        Map<String, Integer> lines = new HashMap<>();
        JsonNode root;
        try (JsonParser p = YAML.createParser(yaml)) {
            JsonToken first = p.nextToken();
            root = first == null ? NODES.objectNode() : read(p, "", lines);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr();
            return RepoConfig.defaults()
                    .withErrors(List.of(file + where + ": not valid YAML: " + e.getOriginalMessage()), file);
        } catch (IOException e) {
            return RepoConfig.defaults().withErrors(List.of(file + ": cannot be read: " + e.getMessage()), file);
        }
        lines.put("", 1);
        List<RepoConfigSchema.Problem> problems = new ArrayList<>(RepoConfigSchema.check(root, lines));
        RepoConfig config = RepoConfig.defaults();
        if (problems.isEmpty()) {
            RepoConfigFile bound = BINDER.convertValue(root, RepoConfigFile.class);
            config = bound.toConfig(file, (path, message) -> problems.add(new RepoConfigSchema.Problem(path, message)));
        }
        if (problems.isEmpty()) {
            return config;
        }
        List<String> errors = problems.stream()
                .map(p ->
                        file + (lines.containsKey(p.path()) ? " line " + lines.get(p.path()) : "") + ": " + p.message())
                .toList();
        return RepoConfig.defaults().withErrors(errors, file);
    }

    /** Builds a tree, remembering the line of each key as {@code a.b} and of each list item as {@code a[0]}. */
    private static JsonNode read(JsonParser p, String path, Map<String, Integer> lines) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            ObjectNode o = NODES.objectNode();
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
            ArrayNode a = NODES.arrayNode();
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                lines.put(path + "[" + i + "]", p.currentTokenLocation().getLineNr());
                a.add(read(p, path + "[" + i++ + "]", lines));
            }
            return a;
        }
        return scalar(p, path);
    }

    private static JsonNode scalar(JsonParser p, String path) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(p.getBooleanValue());
            // YAML reads a colour like 123456 as a number, and a leading zero (001122) as octal: both are text here
            case VALUE_NUMBER_INT ->
                path.startsWith("labels.") && path.endsWith(".color")
                        ? NODES.textNode(colour(p.getText()))
                        : p.getText().startsWith("0") && p.getText().length() > 1
                                ? NODES.textNode(p.getText())
                                : NODES.numberNode(p.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.textNode(p.getText());
        };
    }

    private static String colour(String digits) {
        return digits.matches("\\d{1,5}") ? String.format(Locale.ROOT, "%06d", Long.parseLong(digits)) : digits;
    }
}
