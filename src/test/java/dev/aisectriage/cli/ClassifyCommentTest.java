package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.service.Service;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Threads;
import dev.aisectriage.support.CliRun;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.TestConfig;
import dev.aisectriage.support.TestService;
import dev.aisectriage.support.Webhooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * `classify --comment --fixture` against `serve` itself: for every payload in test-fixtures/ (whatever other branches
 * add), each is sent to a dry-run service on a fresh store, and classify must tell the verdict serve stored and print
 * exactly the comments serve would have posted (none where serve posts none).
 */
@Tag("slow")
@Timeout(900)
class ClassifyCommentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VERDICT = Pattern.compile("(?m)^verdict: (\\w+) \\(p=([0-9.]+)\\)$");
    /** Payloads the bot never comments on: no thread, a push, a private report, a pull request. */
    private static final Set<String> NEVER_COMMENTED =
            Set.of("installation", "installation_repositories", "push", "repository_advisory", "pull_request", "ping");

    @TempDir
    Path dir;

    @Test
    void itTellsTheVerdictAndPrintsTheCommentsServeWouldForEveryFixtureWhenClassifyPrintsTheComment() throws Exception {
        // given every fixture and the model serve loads
        List<Path> fixtures;
        try (Stream<Path> files = Files.list(Webhooks.FIXTURES)) {
            fixtures =
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        Classifier model = ClassifierLoader.bundled();
        int commented = 0;
        int hubCommented = 0;
        for (Path fixture : fixtures) {
            // when serve (dry-run, fresh store) is sent the fixture, and classify --comment is run on it
            Served served = serve(fixture, model);
            CliRun classify = CliRun.of("classify", "--comment", "--fixture", fixture.toString());

            // then classify prints exactly serve's comments, and tells serve's verdict
            assertThat(classify.exit()).as(fixture + "\n" + classify.err()).isZero();
            assertThat(classify.out()).as(fixture.toString()).isEqualTo(String.join("\n", served.comments()));
            Matcher verdict = VERDICT.matcher(classify.err());
            if (served.verdict() == null) {
                assertThat(verdict.find())
                        .as(fixture + ": no verdict\n" + classify.err())
                        .isFalse();
            } else {
                assertThat(verdict.find())
                        .as(fixture + ": a verdict\n" + classify.err())
                        .isTrue();
                assertThat(verdict.group(1) + " " + verdict.group(2))
                        .as(fixture.toString())
                        .isEqualTo(served.verdict());
            }
            if (NEVER_COMMENTED.contains(SendFixtureCommand.eventFromFileName(fixture))) {
                assertThat(served.comments())
                        .as(fixture + ": serve posts no comment")
                        .isEmpty();
            }
            if (!served.comments().isEmpty()) {
                commented++;
                hubCommented += SendFixtureCommand.isHubFixture(fixture) ? 1 : 0;
            }
        }
        // and the comparison covered comments on both platforms, not only silence
        assertThat(commented - hubCommented).isPositive();
        assertThat(hubCommented).isPositive();
    }

    /** The verdict serve stored ({@code flagged 0.99}, null when it classified nothing) and its comments in order. */
    private record Served(String verdict, List<String> comments) {}

    private Served serve(Path fixture, Classifier model) throws Exception {
        Path store = Files.createDirectories(dir.resolve(fixture.getFileName().toString()));
        AppConfig config = TestConfig.withoutCredentials(store);
        try (Database db = Database.open(config.databasePath());
                Service service =
                        TestService.serve(config, model, MarkdownCommentRenderer.forApi(config.githubApiUrl()))) {
            CliRun sent = CliRun.of(
                    "send-fixture",
                    fixture.toString(),
                    "--url",
                    "http://127.0.0.1:" + service.port() + "/webhooks/github");
            assertThat(sent.exit()).as(fixture + ": " + sent.out()).isZero();
            var answer = JSON.readTree(
                    sent.out().lines().skip(1).findFirst().orElseThrow().replaceFirst("^\\d+ ", ""));
            if ("queued".equals(answer.path("outcome").asText())) {
                String delivery = answer.path("delivery").asText();
                Eventually.await(
                        Duration.ofSeconds(60),
                        () -> service.wiring().queries().stateOf(delivery).orElse(JobState.QUEUED) == JobState.DONE,
                        fixture + ": its job done");
            }
            String verdict = new Threads(db, db::writeTransaction)
                    .recent(1).stream()
                            .filter(t -> t.verdict() != null)
                            .map(t -> String.format(
                                    Locale.ROOT, "%s %.2f", t.verdict().label(), t.securityProbability()))
                            .findFirst()
                            .orElse(null);
            List<String> comments = new ArrayList<>();
            List<Actions.Action> actions = new Actions(db, db::writeTransaction).recent(1000);
            for (Actions.Action a : actions) {
                if (a.action().equals("create comment") || a.action().startsWith("edit comment")) {
                    comments.add(0, a.detail()); // newest first in the store
                }
            }
            return new Served(verdict, comments);
        }
    }
}
