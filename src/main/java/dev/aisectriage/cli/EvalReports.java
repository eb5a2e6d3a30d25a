package dev.aisectriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints {@code eval}'s reports: the figures of one evaluation, and for {@code eval --cv} the spread (per figure the
 * mean and sd over folds, and per split with their mean).
 */
final class EvalReports {

    private EvalReports() {}

    static void printSplits(PrintStream out, JsonNode splits) {
        out.printf("%nmean over folds, per split (seed), and the mean of the splits:%n");
        for (String subset : List.of("all", "ai_issues", "ai_issues_high_confidence", "ai_issues_full_model")) {
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
        out.printf("  stream (pooled out of fold, per split)%n");
        splits.path("stream").fields().forEachRemaining(e -> {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "    %-62s", e.getKey()));
            for (JsonNode v : e.getValue().get("per_split")) {
                line.append(v.isNull() ? "   null" : String.format(Locale.ROOT, "  %.3f", v.asDouble()));
            }
            line.append(String.format(Locale.ROOT, "  | mean %s", e.getValue().get("mean")));
            out.println(line);
        });
    }

    /** A tracker's stream, out of fold: ordinary posts per 1,000, each labelled group, the expected precision. */
    static void printQuiet(PrintStream out, String title, JsonNode q) {
        out.printf("quiet on a tracker (%s):%n", title);
        out.printf(
                Locale.ROOT,
                "  ordinary posts (n=%d): false alarms %.1f per 1,000, needs-triage %.1f per 1,000%n",
                q.at("/ordinary_posts/n").asInt(),
                q.at("/ordinary_posts/flagged_per_1000").asDouble(),
                q.at("/ordinary_posts/abstained_per_1000").asDouble());
        printEach(
                out,
                q.path("groups"),
                "  %-12s n=%4d flagged %.3f, needs-triage %.3f, either %.3f%n",
                "/n",
                "/flagged_share",
                "/abstained_share",
                "/flagged_or_abstained_share");
        printEach(
                out,
                q.path("expected_precision"),
                "  expected precision at %s: %.3f (ordinary stream), %.3f (one negative in ten a look-alike)%n",
                "/ordinary_stream",
                "/with_look_alikes");
        printEach(
                out,
                q.path("files"),
                "  %-34s security recall %s precision %s | theme primary %s among labelled %s%n",
                "/security/recall",
                "/security/precision",
                "/theme/primary_accuracy",
                "/theme/among_labelled");
    }

    /**
     * One line per field of {@code node}: the format gets the field's name, then the values at {@code pointers} in it
     * (whole numbers as long, other numbers as double, anything else as the JSON node).
     */
    private static void printEach(PrintStream out, JsonNode node, String format, String... pointers) {
        node.fields().forEachRemaining(e -> {
            Object[] args = new Object[pointers.length + 1];
            args[0] = e.getKey();
            for (int i = 0; i < pointers.length; i++) {
                JsonNode v = e.getValue().at(pointers[i]);
                args[i + 1] = v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble() : v;
            }
            out.printf(Locale.ROOT, format, args);
        });
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

    static void printCrossValidation(ObjectNode report) {
        System.out.println();
        printSpread(System.out, "all posts", report.at("/mean_sd/all"));
        printSpread(System.out, "AI-project issues", report.at("/mean_sd/ai_issues"));
        print(System.out, "pooled out-of-fold, all posts", report.at("/pooled/all"));
        print(System.out, "pooled out-of-fold, AI-project issues", report.at("/pooled/ai_issues"));
        print(
                System.out,
                "pooled out-of-fold, AI-project issues, full model",
                report.at("/pooled/ai_issues_full_model"));
        System.out.println("cascade: " + report.get("cascade"));
        printQuiet(System.out, "as served", report.get("quiet"));
        printQuiet(System.out, "as served, high-confidence labels", report.at("/quiet/high_confidence"));
        if (report.has("splits")) {
            printSplits(System.out, report.get("splits"));
        }
    }

    static void print(PrintStream out, String title, JsonNode r) {
        JsonNode s = r.get("security");
        out.printf("%s: n=%d%n", title, r.path("n").asInt());
        out.printf(
                "  security  precision %s  recall %s  f1 %s  mcc %s  (tp %d fp %d tn %d fn %d)%n",
                s.path("precision"),
                s.path("recall"),
                s.path("f1"),
                s.path("mcc"),
                s.path("tp").asLong(),
                s.path("fp").asLong(),
                s.path("tn").asLong(),
                s.path("fn").asLong());
        JsonNode t = r.get("theme");
        out.printf(
                "  theme     primary accuracy %s  macro-F1 %s  (n=%d)%n",
                t.path("primary_accuracy"), t.path("macro_f1"), t.path("n").asInt());
        t.path("per_theme")
                .fields()
                .forEachRemaining(e -> out.printf(
                        "            %-18s f1 %s  support %d%n",
                        e.getKey(),
                        e.getValue().path("f1"),
                        e.getValue().path("support").asInt()));
        out.printf(
                "  issue     top-3 recall %s  (n=%d)%n",
                r.at("/issue_codes/top3_recall"), r.at("/issue_codes/n").asInt());
        out.printf(
                "  solutions first fix %s  hit@3 %s  (n=%d)%n",
                r.at("/solutions/first_fix"),
                r.at("/solutions/hit_at_3"),
                r.at("/solutions/n").asInt());
        out.printf("  latency   p50 %s ms  p99 %s ms%n", r.at("/latency_ms/p50"), r.at("/latency_ms/p99"));
    }
}
