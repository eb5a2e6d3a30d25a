package dev.aisectriage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.config.DotEnv;
import dev.aisectriage.store.Corrections;
import dev.aisectriage.store.Database;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes maintainers' corrections as labelled posts in the shared JSONL format (the fields of
 * ../shared/data/README.md): one line per corrected thread, the post as they judged it with the verdict of their
 * latest word on it, ready to train on.
 */
@Command(
        name = "export-feedback",
        mixinStandardHelpOptions = true,
        description = "Export maintainers' feedback (labels removed or added, slash commands) as labelled JSONL.")
public final class ExportFeedbackCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
            names = {"-d", "--database"},
            description = "SQLite file (default: the store `serve` uses: $DATABASE_URL (PostgreSQL) when set, else"
                    + " $DATABASE_PATH or ./data/triage.db)")
    Path database;

    @Option(
            names = {"-o", "--output"},
            description = "JSONL file to write (default: standard output)")
    Path output;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    public ExportFeedbackCommand() {
        this(System.getenv());
    }

    ExportFeedbackCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Map<String, String> env = DotEnv.load(environment);
        try (Database db = open(env)) {
            Corrections corrections = new Corrections(db, db::writeTransaction);
            int n;
            if (output == null) {
                PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
                n = write(corrections, out);
                out.flush();
            } else {
                try (OutputStream out = Files.newOutputStream(output)) {
                    n = write(corrections, out);
                }
            }
            err.println("exported " + n + " labelled posts from " + db.description()
                    + (output == null ? "" : " to " + output));
        }
        return 0;
    }

    /**
     * The store {@code serve} would use: {@code --database} when given, else PostgreSQL at {@code DATABASE_URL}, else
     * the SQLite file at {@code DATABASE_PATH}. A SQLite file that does not exist is an error, never created empty.
     */
    private Database open(Map<String, String> env) {
        String url = value(env, "DATABASE_URL");
        if (database == null && url != null) {
            return StoreAccess.postgres(url, 2);
        }
        Path file = database != null
                ? database
                : Path.of(Objects.requireNonNullElse(value(env, "DATABASE_PATH"), AppConfig.DEFAULT_DATABASE_PATH));
        if (!Files.isRegularFile(file)) {
            throw new UserError((database != null ? "--database " : "DATABASE_PATH ") + file + ": no SQLite store at "
                    + file.toAbsolutePath() + ": name it with --database or DATABASE_PATH, or set DATABASE_URL for"
                    + " PostgreSQL");
        }
        return Database.open(file);
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** @return how many lines were written */
    static int write(Corrections corrections, OutputStream out) throws IOException {
        Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
        int n = 0;
        for (Corrections.Correction c : corrections.all()) {
            w.write(JSON.writeValueAsString(toJson(c)));
            w.write('\n');
            n++;
        }
        w.flush();
        return n;
    }

    /**
     * One corrected post in the shared format: the post as the maintainer judged it, their verdict and theme (a
     * maintainer's word on their own tracker: high confidence), with the signal and time of the correction.
     */
    static ObjectNode toJson(Corrections.Correction c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", c.ref().repository() + "-" + c.ref().number());
        o.put("source", source(c));
        o.put("repo", c.ref().repository());
        o.put("number", c.ref().number());
        o.put("url", c.url());
        o.put("text", c.text());
        o.put("is_security", c.security() ? 1 : 0);
        if (c.theme() == null) {
            o.putNull("theme");
            o.putArray("themes");
        } else {
            o.put("theme", c.theme().name());
            o.putArray("themes").add(c.theme().name());
        }
        o.putArray("issue_codes");
        o.putArray("solution_codes");
        o.put("label_confidence", "high");
        o.put("feedback", c.signal());
        o.put("labelled_at", c.correctedAt());
        return o;
    }

    private static String source(Corrections.Correction c) {
        return switch (c.ref().kind()) {
            case "discussion" -> "github_discussion";
            case "hub_discussion" -> "huggingface_discussion";
            default -> c.url() != null && c.url().contains("/pull/") ? "github_pull_request" : "github_issue";
        };
    }
}
