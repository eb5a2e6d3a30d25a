package dev.aisectriage.github;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A private draft repository security advisory the bot opens for maintainers, carrying a report that was posted in
 * public. GitHub requires a summary, a description and at least one affected product; the package is named after
 * the repository in the "other" ecosystem, for maintainers to correct.
 *
 * @param marker a line, unique per public thread, by which the bot finds the advisory it opened again (after a
 *     crash between GitHub's answer and the bot's record of it)
 */
public record DraftAdvisory(String summary, String description, String packageName, String marker) {

    /** GitHub's limits on the two texts. */
    static final int MAX_SUMMARY = 1024;

    static final int MAX_DESCRIPTION = 65_535;

    public DraftAdvisory {
        if (summary == null || summary.isBlank()) {
            throw new IllegalArgumentException("a draft advisory needs a summary");
        }
        if (marker == null || marker.isBlank() || marker.contains("\n")) {
            throw new IllegalArgumentException("a draft advisory needs a one-line marker");
        }
    }

    /** The body of {@code POST /repos/{owner}/{repo}/security-advisories}, each text cut to GitHub's limit. */
    Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("summary", cut(summary.strip().replaceAll("\\s+", " "), MAX_SUMMARY));
        String tail = "\n\n" + marker;
        body.put("description", cut(description == null ? "" : description, MAX_DESCRIPTION - tail.length()) + tail);
        body.put("vulnerabilities", List.of(Map.of("package", Map.of("ecosystem", "other", "name", packageName))));
        return body;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
