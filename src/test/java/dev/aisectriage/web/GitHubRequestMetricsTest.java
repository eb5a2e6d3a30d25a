package dev.aisectriage.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.github.PrivateKeys;
import dev.aisectriage.queue.JobState;
import dev.aisectriage.service.Service;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.FakeClassifier;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.PlainRenderer;
import dev.aisectriage.support.TestConfig;
import dev.aisectriage.support.TestKeys;
import dev.aisectriage.support.TestService;
import dev.aisectriage.support.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} counts the requests the bot sent to GitHub and the reads GitHub answered 304 from the cache. */
@Timeout(60)
class GitHubRequestMetricsTest {

    private static final String SECRET = "metrics-secret";
    private static final String CONFIG_FILE = "GET /repos/octo-org/ml-server/contents/.github/ai-security-triage.yml";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void metricsCountTheRequestsAndThe304WhenItIsRevalidatedAfterGivenAConfigFileReadBeforeARestart() throws Exception {
        String pem = TestKeys.pem("test-app-pkcs1.pem");
        try (FakeGitHub github = new FakeGitHub("4242", PrivateKeys.publicKeyOf(PrivateKeys.parse(pem)))) {
            // given a repository whose config file GitHub answers with an ETag, then 304 while it holds
            String etag = "\"config-1\"";
            github.script(
                    CONFIG_FILE,
                    withCaching(FakeGitHub.json(200, contents("security_label: security\n")), etag),
                    withCaching(new MockResponse.Builder().code(304).build(), etag));
            // and the service wired as serve wires it, having triaged one issue of the repository
            AppConfig config = TestConfig.live("4242", pem, SECRET, dir.resolve("data/triage.db"), github.url());
            byte[] first = Webhooks.fixture("issues-opened-security-report.json");
            ObjectNode second = (ObjectNode) JSON.readTree(first);
            second.with("issue").put("number", 13).put("id", 900013L);
            try (Service before = start(config)) {
                triage(before, "d-12", first);
            }
            int sentBefore = github.requests().size();

            // when the service restarts (the config file is no longer in memory) and triages another issue
            try (Service service = start(config)) {
                triage(service, "d-13", JSON.writeValueAsBytes(second));

                // then its /metrics counts every request GitHub received since the restart, and the one 304
                String body = get(service.port(), "/metrics");
                List<String> sent = github.requestLines()
                        .subList(sentBefore, github.requests().size());
                assertThat(sent).contains(CONFIG_FILE).hasSizeGreaterThan(2);
                assertThat(value(body, "triage_github_requests_total"))
                        .as("requests: %s", sent)
                        .isEqualTo(sent.size());
                assertThat(value(body, "triage_github_not_modified_total"))
                        .as("requests: %s", sent)
                        .isEqualTo(1);
                assertThat(body)
                        .contains("# TYPE triage_github_requests_total counter")
                        .contains("# TYPE triage_github_not_modified_total counter");
            }
        }
    }

    /** The service as serve wires it: the real gateway, on the HTTP cache in the database's folder by default. */
    private static Service start(AppConfig config) {
        return TestService.serve(config, new FakeClassifier(), new PlainRenderer());
    }

    private static void triage(Service service, String delivery, byte[] body) {
        assertThat(new Webhooks(service.port(), SECRET)
                        .send("issues", delivery, body)
                        .statusCode())
                .isEqualTo(202);
        Eventually.await(
                Duration.ofSeconds(20),
                () -> service.wiring()
                        .queries()
                        .stateOf(delivery)
                        .filter(s -> s == JobState.DONE)
                        .isPresent(),
                delivery + " done");
    }

    private static String contents(String text) {
        return JSON.createObjectNode()
                .put("type", "file")
                .put("encoding", "base64")
                .put("sha", "c0ffee")
                .put("content", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)))
                .toString();
    }

    /** As GitHub answers a read: an ETag, private caching, varying by credentials. */
    private static MockResponse withCaching(MockResponse response, String etag) {
        return response.newBuilder()
                .addHeader("ETag", etag)
                .addHeader("Cache-Control", "private, max-age=60, s-maxage=60")
                .addHeader("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP")
                .build();
    }

    private static double value(String metrics, String name) {
        return metrics.lines()
                .filter(l -> l.startsWith(name + " "))
                .map(l -> Double.parseDouble(l.substring(name.length() + 1).trim()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in /metrics:\n" + metrics));
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
