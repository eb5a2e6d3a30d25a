package dev.aisectriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.List;

/** Prints {@code eval --cv}'s spread: per figure the mean and sd over folds, and per split with their mean. */
final class EvalSpread {

    private EvalSpread() {}

    static void printSplits(PrintStream out, JsonNode splits) {
        out.printf("%nmean over folds, per split (seed), and the mean of the splits:%n");
        for (String subset : List.of("all", "ai_issues", "ai_issues_full_model")) {
            out.printf("  %s%n", subset);
            splits.get("figures").fields().forEachRemaining(e -> {
                StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT, "    %-26s", e.getKey()));
                for (JsonNode v : e.getValue().get(subset).get("per_split")) {
                    line.append(v.isNull() ? "   null" : String.format(java.util.Locale.ROOT, "  %.3f", v.asDouble()));
                }
                JsonNode mean = e.getValue().get(subset).get("mean");
                line.append(
                        mean.isNull()
                                ? "  | mean null"
                                : String.format(java.util.Locale.ROOT, "  | mean %.3f", mean.asDouble()));
                out.println(line);
            });
        }
    }

    static void printSpread(PrintStream out, String title, JsonNode m) {
        out.printf("%s, mean ± sd over folds:%n", title);
        m.fields()
                .forEachRemaining(e -> out.printf(
                        "  %-28s %s%n",
                        e.getKey(),
                        e.getValue().isNull()
                                ? "null"
                                : String.format(
                                        java.util.Locale.ROOT,
                                        "%.3f ± %.3f",
                                        e.getValue().get("mean").asDouble(),
                                        e.getValue().get("sd").asDouble())));
    }
}
