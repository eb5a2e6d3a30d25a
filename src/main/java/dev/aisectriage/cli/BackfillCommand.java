package dev.aisectriage.cli;

import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.Verdict;
import dev.aisectriage.event.Backfill;
import dev.aisectriage.event.Verdicts;
import dev.aisectriage.github.AppJwt;
import dev.aisectriage.github.GitHubApiException;
import dev.aisectriage.github.GitHubApp;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.GitHubHttp;
import dev.aisectriage.github.InstallationTokens;
import dev.aisectriage.github.LabelSpec;
import dev.aisectriage.github.OpenIssue;
import dev.aisectriage.github.PrivateKeys;
import dev.aisectriage.github.RepositoryIssues;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Triages a repository's issues after the fact. Without {@code --apply} it needs only read access (GITHUB_TOKEN, or
 * none for a public repository), writes nothing to GitHub and reports what it would do (Markdown and CSV); with
 * {@code --apply} it acts through the App, under GitHub's limits for content-creating requests. Either way a stopped
 * run resumes where it was: the report's CSV (and, with --apply, the store) remembers the threads already done.
 */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = {
            "Triage a repository's issues and report what the bot would do (Markdown and CSV); --apply acts.",
            "Without --apply: read access only (GITHUB_TOKEN, or none for a public repository).",
            "With --apply: APP_ID and PRIVATE_KEY; at most 80 writes a minute and 500 an hour; resumable."
        })
public final class BackfillCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OWNER/REPO", description = "the repository")
    String repository;

    @Option(names = "--apply", description = "really add labels and comments through the App (default: report only)")
    boolean apply;

    @Option(
            names = "--since",
            paramLabel = "DATE",
            description = "issues updated since this day (YYYY-MM-DD), open or closed; default: the open issues")
    String since;

    @Option(
            names = "--limit",
            defaultValue = "1000",
            description = "at most this many issues (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(
            names = "--report",
            paramLabel = "PREFIX",
            description = "write PREFIX.md and PREFIX.csv (default: backfill-OWNER-REPO in the working folder)")
    Path report;

    @Option(names = "--installation", description = "with --apply: installation id (default: asked from GitHub)")
    Long installationId;

    @Option(
            names = "--private",
            description = "treat the repository as private (changes disclosure advice in comments)")
    boolean privateRepository;

    private final Map<String, String> env;
    private final Function<Path, Classifier> classifiers;
    private final Supplier<CommentRenderer> renderers;
    private final Supplier<WriteBudget> budgets;

    public BackfillCommand() {
        this(
                System.getenv(),
                dir -> Models.load(dir, "MODEL_DIR"),
                MarkdownCommentRenderer::withDefaults,
                () -> new WriteBudget(Clock.systemUTC(), WriteBudget.Sleeper.REAL));
    }

    BackfillCommand(
            Map<String, String> env,
            Function<Path, Classifier> classifiers,
            Supplier<CommentRenderer> renderers,
            Supplier<WriteBudget> budgets) {
        this.env = env;
        this.classifiers = classifiers;
        this.renderers = renderers;
        this.budgets = budgets;
    }

    @Override
    public Integer call() throws Exception {
        if (!repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
            throw new UserError("OWNER/REPO expected, got '" + repository + "': for example octo-org/ml-server");
        }
        Instant from = since();
        String apiUrl =
                value("GITHUB_API_URL", AppConfig.DEFAULT_GITHUB_API_URL).replaceAll("/+$", "");
        BackfillReport out =
                new BackfillReport(report != null ? report : Path.of("backfill-" + repository.replace('/', '-')));
        String modelDir = env.get("MODEL_DIR");
        Classifier classifier = classifiers.apply(modelDir == null || modelDir.isBlank() ? null : Path.of(modelDir));
        int n = apply ? applied(apiUrl, from, out, classifier) : reported(apiUrl, from, out, classifier);
        out.writeMarkdown(repository, apply);
        System.err.println(repository + ": classified " + n + " issues now"
                + (apply ? "" : " (report only: nothing" + " was written to GitHub)") + "; report in " + out.markdown()
                + " and " + out.csv());
        return 0;
    }

    private int reported(String apiUrl, Instant from, BackfillReport out, Classifier classifier) {
        String token = value("GITHUB_TOKEN", null);
        RepositoryIssues issues =
                new RepositoryIssues(new GitHubHttp(apiUrl), () -> token == null ? null : "Bearer " + token);
        List<OpenIssue> list = list(issues, from);
        Set<Integer> done = out.done();
        Progress progress = Progress.onStderr(list.size(), "issues");
        RepoConfig config = RepoConfig.defaults();
        int n = 0;
        for (int i = 0; i < list.size(); i++) {
            OpenIssue issue = list.get(i);
            if (!done.contains(issue.number())) {
                out.append(row(issue, classifier.classify(text(issue)), config, false));
                n++;
            }
            progress.at(i + 1);
        }
        return n;
    }

    private int applied(String apiUrl, Instant from, BackfillReport out, Classifier classifier)
            throws InterruptedException {
        AppCredentials app = appCredentials();
        Database db = value("DATABASE_URL", null) != null
                ? StoreAccess.postgres(value("DATABASE_URL", null), 4)
                : StoreAccess.open(Path.of(value("DATABASE_PATH", AppConfig.DEFAULT_DATABASE_PATH)), "DATABASE_PATH");
        GitHubGateway gateway = GitHubApp.gateway(
                new GitHubApp.Settings(apiUrl, app.id(), app.pem(), false, null),
                new Actions(db, db::writeTransaction)::record,
                http -> {});
        InstallationTokens tokens = new InstallationTokens(
                new GitHubHttp(apiUrl),
                new AppJwt(app.id().trim(), PrivateKeys.parse(app.pem()), Clock.systemUTC()),
                Clock.systemUTC());
        long installation = installationId != null ? installationId : tokens.installationIdOf(repository);
        RepositoryIssues issues =
                new RepositoryIssues(new GitHubHttp(apiUrl), () -> "Bearer " + tokens.tokenFor(installation));
        List<OpenIssue> list = list(issues, from);
        Backfill backfill = Backfill.on(db, gateway, classifier, renderers.get());
        return triageAll(list, installation, backfill, out, classifier);
    }

    /** The App's id and private key (PEM), as {@code backfill --apply} acts as the App. */
    private record AppCredentials(String id, String pem) {}

    private AppCredentials appCredentials() {
        String appId = value("APP_ID", null);
        String pem = value("PRIVATE_KEY", null);
        if (pem == null && value("PRIVATE_KEY_PATH", null) != null) {
            try {
                pem = Files.readString(Path.of(value("PRIVATE_KEY_PATH", null)));
            } catch (IOException e) {
                throw new UserError("PRIVATE_KEY_PATH " + value("PRIVATE_KEY_PATH", null) + ": cannot be read ("
                        + e.getMessage() + "): give the App's .pem file");
            }
        }
        if (appId == null || pem == null) {
            throw new UserError("backfill --apply acts as the App: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH);"
                    + " without --apply it only reports");
        }
        return new AppCredentials(appId, pem.replace("\\n", "\n"));
    }

    /** Triages each issue not done yet, within the write budget; returns how many were triaged now. */
    private int triageAll(
            List<OpenIssue> list, long installation, Backfill backfill, BackfillReport out, Classifier classifier)
            throws InterruptedException {
        WriteBudget budget = budgets.get();
        Set<Integer> reported = out.done();
        Progress progress = Progress.onStderr(list.size(), "issues");
        RepoConfig config = RepoConfig.defaults();
        int n = 0;
        for (int i = 0; i < list.size(); i++) {
            OpenIssue issue = list.get(i);
            ThreadRef ref = new ThreadRef.GitHubIssue(installation, repository, issue.number(), issue.nodeId());
            if (!backfill.done(ref)) {
                Prediction p = classifier.classify(text(issue));
                budget.acquire(writes(p, config));
                if (backfill.triageOne(installation, repository, !privateRepository, issue)) {
                    n++;
                }
                if (!reported.contains(issue.number())) {
                    out.append(row(issue, p, config, true));
                }
            }
            progress.at(i + 1);
        }
        return n;
    }

    private List<OpenIssue> list(RepositoryIssues issues, Instant from) {
        try {
            return issues.list(repository, from == null ? "open" : "all", from, limit);
        } catch (GitHubApiException e) {
            if (e.status() == 0) {
                // no answer at all: the name was never checked, so it is not the name's fault
                throw new UserError(
                        "GitHub cannot be reached, the network is unreachable (" + e.getMessage() + "): check this"
                                + " machine's connection (or GITHUB_API_URL) and try again",
                        e);
            }
            throw new UserError(
                    repository + ": the issues cannot be read (" + e.getMessage() + "): check the name,"
                            + " and set GITHUB_TOKEN for a private repository",
                    e);
        }
    }

    /** The writes a thread costs at most: labels in one request, the comment in another. */
    private static int writes(Prediction p, RepoConfig config) {
        Verdict verdict = Verdicts.verdict(p, config);
        int labels = Verdicts.labelsFor(verdict, p, config).isEmpty() ? 0 : 1;
        int comment = verdict == Verdict.FLAGGED && config.comment() ? 1 : 0;
        return labels + comment;
    }

    private static BackfillReport.Row row(OpenIssue issue, Prediction p, RepoConfig config, boolean applied) {
        Verdict verdict = Verdicts.verdict(p, config);
        List<String> labels = Verdicts.labelsFor(verdict, p, config).stream()
                .map(LabelSpec::name)
                .toList();
        boolean flagged = verdict == Verdict.FLAGGED;
        StringBuilder would = new StringBuilder();
        if (!labels.isEmpty()) {
            would.append(applied ? "labelled " : "add labels ").append(String.join(" + ", labels));
        }
        if (flagged && config.comment()) {
            would.append(would.length() == 0 ? "" : "; ").append(applied ? "commented" : "comment");
        }
        return new BackfillReport.Row(
                issue.number(),
                issue.url(),
                verdict.label(),
                flagged ? p.primaryTheme().slug() : "",
                flagged && !p.issueTypes().isEmpty() ? p.issueTypes().get(0).name() : "",
                p.securityProbability(),
                would.length() == 0 ? "nothing" : would.toString());
    }

    private static String text(OpenIssue issue) {
        return issue.body() == null || issue.body().isBlank() ? issue.title() : issue.title() + "\n\n" + issue.body();
    }

    private Instant since() {
        if (since == null) {
            return null;
        }
        try {
            return LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserError("--since " + since + " is not a day: give it as YYYY-MM-DD, e.g. 2026-01-31");
        }
    }

    private String value(String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v.trim();
    }
}
