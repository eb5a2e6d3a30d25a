package dev.aisectriage.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The label space of the study: issue types with their theme, read from {@code taxonomy.json}. */
public record Taxonomy(List<IssueType> issueTypes, List<String> paperKeywords) {

    public Taxonomy {
        issueTypes = List.copyOf(issueTypes);
        paperKeywords = List.copyOf(paperKeywords);
    }

    public static Taxonomy read(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            List<IssueType> types = new ArrayList<>();
            for (JsonNode n : root.path("issues")) {
                types.add(new IssueType(
                        n.get("id").asText(),
                        n.get("name").asText(),
                        Theme.parse(n.get("theme").asText())));
            }
            List<String> keywords = new ArrayList<>();
            root.path("paper_keywords").forEach(k -> keywords.add(k.asText()));
            if (types.isEmpty()) {
                throw new IllegalArgumentException(file + " has no 'issues'");
            }
            return new Taxonomy(types, keywords);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** One issue type of the taxonomy. */
    public record IssueType(String id, String name, Theme theme) {}
}
