package dev.aisectriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.queue.DeadLetter;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.service.Service;
import dev.aisectriage.service.Wiring;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Threads;
import dev.aisectriage.store.Threads.ThreadState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code serve} does with one webhook payload, found by asking it: the bot itself (its intake, queue, routing
 * table, triage flow and renderers), started in dry-run without credentials on a throw-away store, is sent the
 * payload as GitHub or the Hub sends it, and its store then tells the verdict and the comments it would post.
 */
final class Preview {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Preview() {}

    /**
     * What the bot did with a delivery.
     *
     * @param outcome the intake's answer ({@code queued}, {@code ignored}, …) and its reason, if any
     * @param thread the thread it classified, if any
     * @param comments every comment it would have posted or edited, in order
     * @param failure why its job failed, or null
     */
    record Outcome(String outcome, Optional<ThreadState> thread, List<String> comments, String failure) {}

    /** Runs the payload {@code file} through a dry-run bot built on {@code classifier}; comment links to {@code apiUrl}. */
    static Outcome of(Path file, Classifier classifier, String apiUrl) {
        Path dir;
        try {
            dir = Files.createTempDirectory("ai-security-triage-preview");
        } catch (IOException e) {
            throw new UserError(
                    "cannot make a temporary folder for the preview's store (" + e.getMessage() + "): check TMPDIR");
        }
        try {
            return of(file, classifier, apiUrl, dir);
        } finally {
            delete(dir);
        }
    }

    private static Outcome of(Path file, Classifier classifier, String apiUrl, Path dir) {
        AppConfig config = AppConfig.fromEnvironment(Map.of(
                "DATABASE_PATH",
                dir.resolve("preview.db").toString(),
                "PORT",
                "0",
                "GITHUB_API_URL",
                apiUrl,
                // a failure is told at once instead of retried
                "JOB_MAX_ATTEMPTS",
                "1"));
        Database db = Database.open(config.databasePath());
        try (Service service = Service.start(
                config,
                db,
                wiring -> wiring.triage(classifier, Wiring.renderers(MarkdownCommentRenderer.forApi(apiUrl))),
                () -> true)) {
            String url = "http://127.0.0.1:" + service.port() + "/webhooks/github";
            SendFixtureCommand.Sent sent;
            try {
                sent = new SendFixtureCommand(Map.of(), file, url).send();
            } catch (UserError e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the preview's bot did not answer: " + e.getMessage(), e);
            }
            HttpResponse<String> response = sent.response();
            JsonNode answer = answer(file, response);
            String outcome = answer.path("outcome").asText("?")
                    + (answer.hasNonNull("reason") ? " (" + answer.get("reason").asText() + ")" : "");
            String failure = null;
            if ("queued".equals(answer.path("outcome").asText())) {
                failure = awaitJob(service.wiring(), answer.path("delivery").asText(), config.jobTimeoutSeconds());
            }
            Threads threads = new Threads(db, service.wiring().writes());
            Optional<ThreadState> thread =
                    threads.recent(1).stream().filter(t -> t.verdict() != null).findFirst();
            List<String> comments = new ArrayList<>();
            List<Actions.Action> actions = new Actions(db, service.wiring().writes()).recent(1000);
            for (int i = actions.size() - 1; i >= 0; i--) {
                Actions.Action a = actions.get(i);
                if (a.action().equals("create comment") || a.action().startsWith("edit comment")) {
                    comments.add(a.detail());
                }
            }
            return new Outcome(outcome, thread, comments, failure);
        }
    }

    /** The intake's answer; a payload it refuses is the user's to fix. */
    private static JsonNode answer(Path file, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new UserError("--fixture " + file + ": the bot refuses it (" + response.statusCode() + " "
                    + ErrorHandler.oneLine(response.body()) + "): give a webhook payload as GitHub or the Hub sends"
                    + " it");
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the preview's bot answered " + response.body(), e);
        }
    }

    /** Waits for the delivery's job to be done; why it failed, or null. */
    private static String awaitJob(Wiring wiring, String deliveryId, long timeoutSeconds) {
        long deadline = System.nanoTime() + (timeoutSeconds + 5) * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<JobState> state = wiring.queries().stateOf(deliveryId);
            if (state.isPresent() && state.get() == JobState.DONE) {
                return null;
            }
            if (state.isPresent() && state.get() == JobState.DEAD) {
                return wiring.queries().deadLetters(10).stream()
                        .filter(d -> deliveryId.equals(d.deliveryId()))
                        .map(DeadLetter::lastError)
                        .findFirst()
                        .orElse("the job failed");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for the job";
            }
        }
        return "the job did not finish within " + timeoutSeconds + " s (JOB_TIMEOUT_SECONDS)";
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the preview's store in " + dir, e);
        }
    }
}
