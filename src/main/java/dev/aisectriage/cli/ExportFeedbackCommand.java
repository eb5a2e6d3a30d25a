package dev.aisectriage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.config.DotEnv;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Feedback;
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
            Feedback feedback = new Feedback(db, db::writeTransaction);
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
        o.put("source", "discussion".equals(item.kind()) ? "github_discussion" : "github_issue");
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
