package dev.aisectriage.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.classify.Theme;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One item of the shared labelled JSONL format (see ../shared/data/README.md). Absent fields are null or empty:
 * {@code isSecurity} is null when the item carries no security label.
 *
 * @param group           what kind of post the labeller chose it as ({@code report}, {@code look-alike},
 *                        {@code homonym}, {@code ordinary}), or null
 * @param labelConfidence the labeller's confidence ({@code high}, {@code medium}, {@code low}), or null
 * @param file            the name of the file it was read from, or null
 */
public record LabelledPost(
        String id,
        String source,
        String repo,
        String url,
        String text,
        Integer isSecurity,
        Theme theme,
        List<Theme> themes,
        List<String> issueCodes,
        List<String> solutionCodes,
        String group,
        String labelConfidence,
        String file) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Whether the labeller was sure: {@code high} confidence, or no confidence recorded (weak or coded posts). */
    public boolean confident() {
        return labelConfidence == null || labelConfidence.equals("high");
    }

    public LabelledPost {
        themes = themes == null ? List.of() : List.copyOf(themes);
        issueCodes = issueCodes == null ? List.of() : List.copyOf(issueCodes);
        solutionCodes = solutionCodes == null ? List.of() : List.copyOf(solutionCodes);
    }

    /** Reads every line of a JSONL file; a malformed line fails with its line number. */
    public static List<LabelledPost> read(Path file) {
        List<LabelledPost> posts = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    posts.add(fromJson(JSON.readTree(line), file.getFileName().toString()));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ":" + lineNo + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return posts;
    }

    public static LabelledPost fromJson(JsonNode n) {
        return fromJson(n, null);
    }

    private static LabelledPost fromJson(JsonNode n, String file) {
        String text = text(n, "text");
        if (text == null) {
            throw new IllegalArgumentException("item has no 'text'");
        }
        Integer sec = n.hasNonNull("is_security") ? n.get("is_security").asInt() : null;
        Theme theme = n.hasNonNull("theme") ? Theme.parse(n.get("theme").asText()) : null;
        List<Theme> themes = new ArrayList<>();
        if (n.has("themes") && n.get("themes").isArray()) {
            n.get("themes").forEach(t -> themes.add(Theme.parse(t.asText())));
        }
        if (theme != null && !themes.contains(theme)) {
            themes.add(0, theme);
        }
        return new LabelledPost(
                text(n, "id"),
                text(n, "source"),
                text(n, "repo"),
                text(n, "url"),
                text,
                sec,
                theme,
                themes,
                strings(n, "issue_codes"),
                strings(n, "solution_codes"),
                text(n, "group"),
                text(n, "label_confidence"),
                file);
    }

    private static String text(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asText() : null;
    }

    private static List<String> strings(JsonNode n, String field) {
        List<String> out = new ArrayList<>();
        if (n.has(field) && n.get(field).isArray()) {
            n.get(field).forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
