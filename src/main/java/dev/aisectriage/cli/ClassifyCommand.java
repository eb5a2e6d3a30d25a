package dev.aisectriage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.aisectriage.catalogue.CommentContext;
import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.core.Verdict;
import dev.aisectriage.event.Verdicts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Classifies one post given as an argument, a file, or standard input. */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Classify one post (argument, --file, --fixture, or stdin) and print the verdict;",
            "with --comment, print exactly the Markdown comment the bot would post."
        })
public final class ClassifyCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "TEXT", description = "The post's text; omit to read --file or stdin.")
    String text;

    @Option(names = "--file", description = "Read the post from this file.")
    Path file;

    @Option(
            names = "--fixture",
            description =
                    "Read the post from a webhook payload (issues, issue_comment, discussion…); with --comment, any"
                            + " payload, GitHub's or the Hub's, run through a dry-run bot on a throw-away store.")
    Path fixture;

    @Option(names = "--json", description = "Print the prediction as JSON.")
    boolean json;

    @Option(
            names = "--comment",
            description = "Print the whole comment the bot would post (Markdown), nothing else; on standard error,"
                    + " the verdict and why there is none when it posts none.")
    boolean comment;

    @Option(
            names = "--repository",
            defaultValue = "OWNER/REPO",
            description = "With --comment and a text: the repository named in the comment (default: ${DEFAULT-VALUE}).")
    String repository;

    @Option(
            names = "--private",
            description = "With --comment and a text: the repository is private (changes the disclosure advice).")
    boolean privateRepository;

    @Option(names = "--model-dir", description = "A model folder (default: MODEL_DIR, else the bundled model).")
    Path modelDir;

    @Override
    public Integer call() throws IOException {
        if (comment && fixture != null) {
            return preview();
        }
        ThreadPost post = fixture == null ? null : Fixtures.post(fixture);
        String input = post != null ? post.text() : input();
        if (input.isBlank()) {
            System.err.println("nothing to classify: give TEXT, --file FILE, or text on stdin");
            return 2;
        }
        Prediction p = classifier().classify(input);
        if (comment) {
            return printComment(input, p);
        }
        if (json) {
            System.out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(p));
        } else {
            print(System.out, p);
        }
        return 0;
    }

    private Classifier classifier() {
        Path dir = modelDir;
        String env = System.getenv("MODEL_DIR");
        if (dir == null && env != null && !env.isBlank()) {
            dir = Path.of(env);
        }
        return Models.load(dir, modelDir != null ? "--model-dir" : "MODEL_DIR");
    }

    /**
     * What {@code serve} would do with the fixture, asked of the bot itself ({@link Preview}): the whole thread
     * (with the replies it stores), the rules of each event (pull requests never get a comment), the Hub's payloads
     * with the Hub's comment. The comments on standard output, the verdict and any reason for no comment on
     * standard error.
     */
    private int preview() {
        if (!Files.isRegularFile(fixture)) {
            throw new UserError("--fixture " + fixture + ": no such file: give a payload such as"
                    + " test-fixtures/issues-opened-security-report.json");
        }
        Preview.Outcome outcome = quietly(() -> Preview.of(fixture, classifier(), apiUrl()));
        if (outcome.failure() != null) {
            System.err.println("the bot's job failed: " + ErrorHandler.oneLine(outcome.failure()));
            return 1;
        }
        System.err.println(outcome.thread()
                .map(t -> String.format(
                        Locale.ROOT, "verdict: %s (p=%.2f)", t.verdict().label(), t.securityProbability()))
                .orElse("verdict: none (delivery " + outcome.outcome() + ")"));
        if (outcome.comments().isEmpty()) {
            System.err.println("no comment: the bot posts none for this delivery (" + outcome.outcome()
                    + outcome.thread().map(t -> "; " + t.verdict().label()).orElse("")
                    + "); it comments on flagged issues and discussions, never on pull requests");
            return 0;
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(String.join("\n", outcome.comments()));
        out.flush();
        return 0;
    }

    /**
     * Runs the preview with the bot's own log lines held back (they are not the preview; {@code LOG_LEVEL=info}
     * shows them). slf4j-simple reads its level once, when its first logger is made: in a process that has logged
     * before, this changes nothing; the setting is put back afterwards either way.
     */
    private static <T> T quietly(Supplier<T> preview) {
        String property = "org.slf4j.simpleLogger.defaultLogLevel";
        String before = System.getProperty(property);
        String level = System.getenv("LOG_LEVEL");
        System.setProperty(property, level == null || level.isBlank() ? "error" : level.trim());
        try {
            return preview.get();
        } finally {
            if (before == null) {
                System.clearProperty(property);
            } else {
                System.setProperty(property, before);
            }
        }
    }

    private static String apiUrl() {
        String apiUrl = System.getenv("GITHUB_API_URL");
        return apiUrl == null || apiUrl.isBlank() ? AppConfig.DEFAULT_GITHUB_API_URL : apiUrl.trim();
    }

    private int printComment(String input, Prediction p) {
        RepoConfig config = RepoConfig.defaults();
        Verdict verdict = Verdicts.verdict(p, config);
        if (verdict != Verdict.FLAGGED) {
            System.err.printf(
                    Locale.ROOT,
                    "no comment: the post is %s (p=%.2f); the bot comments only on flagged posts%n",
                    verdict.label(),
                    p.securityProbability());
            return 0;
        }
        CommentRenderer renderer = MarkdownCommentRenderer.forApi(apiUrl());
        CommentContext context = new CommentContext(repository, !privateRepository, input, p, config.errors());
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.print(renderer.triageComment(context));
        out.flush();
        return 0;
    }

    private String input() {
        try {
            if (text != null) {
                return text;
            }
            if (file != null) {
                if (!Files.isRegularFile(file)) {
                    throw new UserError(
                            "--file " + file + ": no such file: give the path of a text file with the post");
                }
                return Files.readString(file, StandardCharsets.UTF_8);
            }
            return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read the post" + (file == null ? "" : " from --file " + file) + " ("
                    + e.getMessage() + "): check the file's permissions");
        }
    }

    static void print(PrintStream out, Prediction p) {
        out.printf(Locale.ROOT, "%s (p=%.2f)%n", p.security() ? "SECURITY" : "not security", p.securityProbability());
        out.printf(Locale.ROOT, "theme: %s%n", p.primaryTheme().title());
        p.themes().entrySet().stream()
                .sorted(Map.Entry.<dev.aisectriage.classify.Theme, Double>comparingByValue()
                        .reversed())
                .forEach(e ->
                        out.printf(Locale.ROOT, "  %-28s %.2f%n", e.getKey().title(), e.getValue()));
        out.println("issue types:");
        p.issueTypes().stream()
                .limit(3)
                .forEach(t -> out.printf(Locale.ROOT, "  %-62s %.2f%n", t.name(), t.probability()));
        out.println("keywords: " + (p.keywords().isEmpty() ? "none" : String.join(", ", p.keywords())));
        if (!p.neighbours().isEmpty()) {
            out.println("nearest labelled posts:");
            p.neighbours()
                    .forEach(n -> out.printf(
                            Locale.ROOT,
                            "  %s %s (similarity %.2f, %s)%n",
                            n.id(),
                            n.url() == null ? "" : n.url(),
                            n.similarity(),
                            n.security() ? "security" : "not security"));
        }
        out.println("model: " + p.modelVersion());
    }
}
