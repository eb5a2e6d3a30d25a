package dev.aisectriage.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a backfill found and would do, one row per thread, in CSV (appended as it goes, so that a stopped run resumes
 * where it was) and in Markdown (written from the CSV at the end).
 */
final class BackfillReport {

    static final List<String> COLUMNS =
            List.of("thread", "url", "verdict", "theme", "issue_type", "confidence", "would_do");

    private final Path csv;
    private final Path markdown;

    BackfillReport(Path prefix) {
        this.csv = Path.of(prefix + ".csv");
        this.markdown = Path.of(prefix + ".md");
    }

    Path csv() {
        return csv;
    }

    Path markdown() {
        return markdown;
    }

    /** The thread numbers already in the CSV of an earlier, stopped run. */
    Set<Integer> done() {
        Set<Integer> out = new HashSet<>();
        for (List<String> row : rows()) {
            out.add(Integer.parseInt(row.get(0).replaceFirst("^#", "")));
        }
        return out;
    }

    void append(Row row) {
        try {
            boolean fresh = !Files.exists(csv) || Files.size(csv) == 0;
            if (csv.toAbsolutePath().getParent() != null) {
                Files.createDirectories(csv.toAbsolutePath().getParent());
            }
            try (BufferedWriter w = Files.newBufferedWriter(
                    csv, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                if (fresh) {
                    w.write(String.join(",", COLUMNS) + "\n");
                }
                w.write(String.join(
                                ",",
                                row.cells().stream()
                                        .map(BackfillReport::csvCell)
                                        .toList()) + "\n");
            }
        } catch (IOException e) {
            throw new UserError(csv + ": cannot be written (" + e.getMessage() + "): choose another --report");
        }
    }

    /** Writes the Markdown report from every row of the CSV. */
    void writeMarkdown(String repository, boolean applied) {
        List<List<String>> rows = rows();
        StringBuilder b = new StringBuilder();
        b.append("# Backfill of ").append(repository).append("\n\n");
        b.append(applied ? "Applied through the App." : "Dry run: nothing was written to GitHub.")
                .append(" ")
                .append(rows.size())
                .append(" threads; ")
                .append(rows.stream().filter(r -> r.get(2).equals("flagged")).count())
                .append(" flagged, ")
                .append(rows.stream().filter(r -> r.get(2).equals("abstained")).count())
                .append(" for a maintainer to look at.\n\n");
        b.append("| thread | verdict | theme | issue type | confidence | what ")
                .append(applied ? "was" : "would be")
                .append(" done |\n|---|---|---|---|---|---|\n");
        for (List<String> r : rows) {
            b.append("| [")
                    .append(md(r.get(0)))
                    .append("](")
                    .append(r.get(1))
                    .append(") | ")
                    .append(md(r.get(2)))
                    .append(" | ")
                    .append(md(r.get(3)))
                    .append(" | ")
                    .append(md(r.get(4)))
                    .append(" | ")
                    .append(md(r.get(5)))
                    .append(" | ")
                    .append(md(r.get(6)))
                    .append(" |\n");
        }
        try {
            Files.writeString(markdown, b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<List<String>> rows() {
        if (!Files.exists(csv)) {
            return List.of();
        }
        List<List<String>> out = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                if (!line.isBlank()) {
                    out.add(parse(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String csvCell(String v) {
        String s = v == null ? "" : v.replace("\r", " ").replace("\n", " ");
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    static List<String> parse(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("@", "@\u200b");
    }

    /** One thread's line. */
    record Row(
            int number, String url, String verdict, String theme, String issueType, double confidence, String wouldDo) {
        List<String> cells() {
            return List.of(
                    "#" + number,
                    url == null ? "" : url,
                    verdict,
                    theme,
                    issueType,
                    String.format(Locale.ROOT, "%.2f", confidence),
                    wouldDo);
        }
    }
}
