package dev.aisectriage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Feedback;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes maintainers' feedback as labelled posts in the shared JSONL format (the fields of ../shared/data/README.md),
 * one line per thread with the latest word of a person on it, ready to train on.
 */
@Command(
        name = "export-feedback",
        mixinStandardHelpOptions = true,
        description = "Export maintainers' feedback (labels removed or added, slash commands) as labelled JSONL.")
public final class ExportFeedbackCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
            names = {"-d", "--database"},
            description = "SQLite file (default: $DATABASE_PATH or ./data/triage.db)")
    Path database;

    @Option(
            names = {"-o", "--output"},
            description = "JSONL file to write (default: standard output)")
    Path output;

    @Override
    public Integer call() throws IOException {
        Path file = database != null
                ? database
                : Path.of(System.getenv().getOrDefault("DATABASE_PATH", "./data/triage.db"));
        if (!Files.exists(file)) {
            System.err.println("no database at " + file + " (set --database or DATABASE_PATH)");
            return 1;
        }
        Feedback feedback = new Feedback(Database.open(file));
        int n;
        if (output == null) {
            PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            n = write(feedback, out);
            out.flush();
        } else {
            try (OutputStream out = Files.newOutputStream(output)) {
                n = write(feedback, out);
            }
        }
        System.err.println("exported " + n + " labelled posts" + (output == null ? "" : " to " + output));
        return 0;
    }

    /** @return how many lines were written */
    static int write(Feedback feedback, OutputStream out) throws IOException {
        Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
        int n = 0;
        for (Feedback.Item item : feedback.latestPerThread()) {
            w.write(JSON.writeValueAsString(toJson(item)));
            w.write('\n');
            n++;
        }
        w.flush();
        return n;
    }

    static ObjectNode toJson(Feedback.Item item) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", item.repository() + "-" + item.number());
        o.put("source", item.kind() == ThreadRef.Kind.DISCUSSION ? "github_discussion" : "github_issue");
        o.put("repo", item.repository());
        o.put("number", item.number());
        o.put("url", item.url());
        o.put("text", item.text());
        o.put("is_security", item.isSecurity() ? 1 : 0);
        if (item.theme() == null) {
            o.putNull("theme");
            o.putArray("themes");
        } else {
            o.put("theme", item.theme().name());
            o.putArray("themes").add(item.theme().name());
        }
        o.putArray("issue_codes");
        o.put("feedback", item.signal());
        o.put("labelled_at", item.createdAt());
        return o;
    }
}
