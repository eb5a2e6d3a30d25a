package dev.aisectriage.cli;

import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.event.TriageRoutes;
import dev.aisectriage.github.AppJwt;
import dev.aisectriage.github.GitHubApp;
import dev.aisectriage.github.GitHubGateway;
import dev.aisectriage.github.GitHubHttp;
import dev.aisectriage.github.InstallationTokens;
import dev.aisectriage.github.PrivateKeys;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Classifies a repository's open issues the bot has not seen, as if each had just been opened. Dry-run unless
 * {@code --apply}: intended labels and comments are logged and stored (see the dashboard), nothing is written.
 */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = "Classify a repository's open issues (dry-run unless --apply). Needs APP_ID and PRIVATE_KEY.")
public final class BackfillCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OWNER/REPO", description = "the repository")
    String repository;

    @Option(names = "--apply", description = "really add labels and comments (default: dry-run)")
    boolean apply;

    @Option(
            names = "--limit",
            defaultValue = "200",
            description = "at most this many open issues (default: ${DEFAULT-VALUE})")
    int limit;

    @Option(names = "--installation", description = "installation id (default: asked from GitHub)")
    Long installationId;

    @Option(
            names = "--private",
            description = "treat the repository as private (changes disclosure advice in comments)")
    boolean privateRepository;

    private final Map<String, String> env;
    private final Function<Path, Classifier> classifiers;
    private final Supplier<CommentRenderer> renderers;

    public BackfillCommand() {
        this(System.getenv(), ClassifierLoader::load, MarkdownCommentRenderer::withDefaults);
    }

    BackfillCommand(
            Map<String, String> env, Function<Path, Classifier> classifiers, Supplier<CommentRenderer> renderers) {
        this.env = env;
        this.classifiers = classifiers;
        this.renderers = renderers;
    }

    @Override
    public Integer call() throws IOException {
        if (!repository.matches("[^/\\s]+/[^/\\s]+")) {
            System.err.println("expected OWNER/REPO, got '" + repository + "'");
            return 2;
        }
        String appId = env.get("APP_ID");
        String pem = env.get("PRIVATE_KEY");
        if ((pem == null || pem.isBlank()) && env.get("PRIVATE_KEY_PATH") != null) {
            pem = Files.readString(Path.of(env.get("PRIVATE_KEY_PATH")));
        }
        if (appId == null || appId.isBlank() || pem == null || pem.isBlank()) {
            System.err.println(
                    "backfill reads the repository's issues as the App: set APP_ID and PRIVATE_KEY (or PRIVATE_KEY_PATH)");
            return 2;
        }
        String apiUrl = env.getOrDefault("GITHUB_API_URL", "https://api.github.com");
        Database db = Database.open(
                env.get("DATABASE_URL"), Path.of(env.getOrDefault("DATABASE_PATH", "./data/triage.db")), 4);
        GitHubGateway gateway = GitHubApp.gateway(apiUrl, appId, pem, null, !apply, new Actions(db)::record);
        long installation = installationId != null
                ? installationId
                : new InstallationTokens(
                                new GitHubHttp(apiUrl),
                                new AppJwt(appId.trim(), PrivateKeys.parse(pem), Clock.systemUTC()),
                                Clock.systemUTC())
                        .installationIdOf(repository);
        String modelDir = env.get("MODEL_DIR");
        TriageRoutes triage = new TriageRoutes(
                db, gateway, classifiers.apply(modelDir == null ? null : Path.of(modelDir)), renderers.get());
        int n = triage.backfill().run(installation, repository, !privateRepository, limit);
        System.err.println(repository + ": classified " + n + " open issues"
                + (apply ? "" : " (dry-run: nothing was written; the intended actions are on the dashboard)"));
        return 0;
    }

    // The classifier (issue 4) and the catalogue's renderer (issue 5) are other parts of the project; they are looked
    // up by name so that this part builds on its own. After the merge these two can be direct calls.
}
