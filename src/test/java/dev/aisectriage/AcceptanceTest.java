package dev.aisectriage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.catalogue.MarkdownCommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.github.PrivateKeys;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.service.BackgroundClassifier;
import dev.aisectriage.service.Service;
import dev.aisectriage.store.DeliveryOutcome;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.TestConfig;
import dev.aisectriage.support.TestKeys;
import dev.aisectriage.support.TestService;
import dev.aisectriage.support.Webhooks;
import dev.aisectriage.web.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's acceptance run as a test: the whole service, wired as {@code serve} wires it (real model), against a
 * stand-in GitHub that checks the App's JWT signature; a signed issues.opened security report gives exactly the
 * expected labels and one comment on a valid installation token; redelivery, redelivery after a restart on the
 * same database, and the same event under a new delivery id (a duplicate: stored, never queued) add nothing.
 */
@Timeout(90)
class AcceptanceTest {

    private static final String SECRET = "acceptance-secret";
    private static final Classifier CLASSIFIER = BackgroundClassifier.load(ClassifierLoader::bundled);
    private static final Set<JobState> FINISHED = EnumSet.of(JobState.DONE, JobState.DEAD);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSignedSecurityReportGetsItsLabelsAndOneCommentAndRedeliveryAfterRestartAddsNothing() throws Exception {
        String pem = TestKeys.pem("test-app-pkcs1.pem");
        byte[] body = Webhooks.fixture("issues-opened-security-report.json");
        try (FakeGitHub github = new FakeGitHub("4242", PrivateKeys.publicKeyOf(PrivateKeys.parse(pem)))) {
            AppConfig config = TestConfig.live("4242", pem, SECRET, dir.resolve("data/triage.db"), github.url());

            Service first = start(config);
            HttpResponse<String> accepted = send(first.port(), body, "d-1");
            assertThat(accepted.statusCode()).isEqualTo(202);
            assertThat(outcome(accepted)).isEqualTo("queued");
            await("job of d-1 finished")
                    .atMost(Duration.ofSeconds(15))
                    .until(
                            () -> first.wiring().queries().stateOf("d-1"),
                            s -> s.filter(FINISHED::contains).isPresent());
            assertThat(first.wiring().queries().stateOf("d-1")).contains(JobState.DONE);

            assertThat(github.writes())
                    .extracting(FakeGitHub.Request::line)
                    .containsExactly(
                            "POST /repos/octo-org/ml-server/issues/12/labels",
                            "POST /repos/octo-org/ml-server/issues/12/comments");
            assertThat(github.writes().get(0).json().path("labels").toString())
                    .isEqualTo("[\"security\",\"ai-security: system-software\"]");
            assertThat(github.writes().get(1).json().path("body").asText()).startsWith(CommentMarker.MARKER);
            Set<String> tokens = github.requests().stream()
                    .filter(r -> !r.path().endsWith("/access_tokens"))
                    .map(FakeGitHub.Request::authorization)
                    .collect(Collectors.toSet());
            assertThat(tokens).containsExactly("Bearer ghs_2311213_1");

            // when it is redelivered to the running service, then after a restart, then under a new delivery id
            assertThat(outcome(send(first.port(), body, "d-1"))).isEqualTo("redelivery");
            first.close();
            Service second = start(config);
            assertThat(outcome(send(second.port(), body, "d-1"))).isEqualTo("redelivery");
            assertThat(outcome(send(second.port(), body, "d-2"))).isEqualTo("duplicate");

            // then the copy under a new id is stored as a duplicate without a job, and nothing more reaches GitHub
            assertThat(second.wiring().deliveries().outcomeOf("d-1")).contains(DeliveryOutcome.QUEUED);
            assertThat(second.wiring().deliveries().outcomeOf("d-2")).contains(DeliveryOutcome.DUPLICATE);
            assertThat(second.wiring().queries().stateOf("d-2")).isEmpty();
            await("no further write")
                    .during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> github.writes().size(), n -> n == 2);
            second.close();

            assertThat(github.commentsOf("octo-org/ml-server#12")).hasSize(1);
        }
    }

    /** The service exactly as {@code serve} wires it: the bundled model, the catalogue's renderer, the real gateway. */
    private static Service start(AppConfig config) {
        return TestService.serve(config, CLASSIFIER, MarkdownCommentRenderer.forApi(config.githubApiUrl()));
    }

    private static HttpResponse<String> send(int port, byte[] body, String delivery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/webhooks/github"))
                .header("X-GitHub-Event", "issues")
                .header("X-GitHub-Delivery", delivery)
                .header(WebhookSignature.HEADER, new WebhookSignature(SECRET).sign(body))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** What intake answered it did with the delivery. */
    private static String outcome(HttpResponse<String> answer) throws Exception {
        return JSON.readTree(answer.body()).path("outcome").asText();
    }
}
