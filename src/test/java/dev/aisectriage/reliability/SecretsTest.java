package dev.aisectriage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.TestKeys;
import dev.aisectriage.support.Webhooks;
import dev.aisectriage.web.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live run at {@code LOG_LEVEL=debug} against a stand-in GitHub (token exchanges, a revoked token, a 502, deliveries
 * signed right and wrong), then every log line, every answer, the dashboard, /metrics, /healthz and /readyz are
 * searched for the App's private key, the webhook secret, the dashboard password, any JWT and any installation token.
 */
@Timeout(180)
class SecretsTest {

    static final String SECRET = "whsec-Zq8v1-the-webhook-secret";
    static final String PASSWORD = "dash-pass-Kx93-secret";
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.");
    static final Pattern TOKEN = Pattern.compile("gh[suopr]_[A-Za-z0-9_]{3,}");

    @TempDir
    Path dir;

    @Test
    void noSecretAppearsInAnyWhenEveryLogLinePageAndMetricIsReadGivenALiveRunWithFaults() throws Exception {
        KeyPair app = LiveEnv.appKey();
        List<String> seen = new ArrayList<>();
        try (FakeGitHub github = new FakeGitHub(LiveEnv.APP_ID, app.getPublic())) {
            Map<String, String> env = new java.util.HashMap<>(LiveEnv.of(app, SECRET, github));
            env.put("LOG_LEVEL", "debug");
            env.put("DASHBOARD_PASSWORD", PASSWORD);
            try (ServeProcess serve = ServeProcess.start(dir, env)) {
                Webhooks hooks = new Webhooks(serve.port(), SECRET);
                byte[] report = Webhooks.fixture("issues-opened-security-report.json");
                String repo = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(report)
                        .path("repository")
                        .path("full_name")
                        .asText();
                // given a revoked token and a 502 on the way, and deliveries signed right and wrong
                github.script(
                        "POST /repos/" + repo + "/issues/12/labels",
                        FakeGitHub.json(401, "{\"message\":\"Bad credentials\"}"),
                        FakeGitHub.json(502, "{\"message\":\"Bad Gateway\"}"));
                seen.add(hooks.send("issues", "d-1", report).body());
                seen.add(hooks.send("issue_comment", "d-2", Webhooks.fixture("issue_comment-created-follow-up.json"))
                        .body());
                seen.add(hooks.send("discussion", "d-3", Webhooks.fixture("discussion-created-security-question.json"))
                        .body());
                seen.add(hooks.post("issues", "d-4", report, new WebhookSignature("guess").sign(report))
                        .body());
                seen.add(hooks.post("issues", "d-5", report, "sha256=" + "0".repeat(64))
                        .body());
                StoreProbe store = new StoreProbe(dir.resolve("triage.db"));
                Eventually.await(Duration.ofSeconds(60), store::drained, "jobs ended");
                assertThat(github.tokensIssued()).as("the run used tokens").isGreaterThanOrEqualTo(2);

                // when every page and metric is read
                HttpClient http = HttpClient.newHttpClient();
                for (String path : List.of("/metrics", "/healthz", "/readyz", "/dashboard")) {
                    HttpRequest.Builder b =
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port() + path));
                    if (path.equals("/dashboard")) {
                        b.header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(("ops:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
                    }
                    HttpResponse<String> page = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(page.statusCode()).as(path).isEqualTo(200);
                    seen.add(page.body());
                    seen.add(page.headers().map().toString());
                }
                HttpResponse<String> wrongPassword = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port() + "/dashboard"))
                                .header(
                                        "Authorization",
                                        "Basic " + Base64.getEncoder().encodeToString("x:y".getBytes()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                seen.add(wrongPassword.body());
                serve.close(); // SIGTERM: the shutdown lines too
                seen.addAll(serve.lines());
            }
            // then none of the secrets is in any of it
            String pem = TestKeys.pkcs8Pem(app);
            List<String> keyLines = pem.lines()
                    .filter(l -> !l.startsWith("-----") && l.length() >= 16)
                    .toList();
            assertThat(seen).hasSizeGreaterThan(20);
            for (String text : seen) {
                assertThat(text)
                        .doesNotContain(SECRET)
                        .doesNotContain(PASSWORD)
                        .doesNotContain("PRIVATE KEY")
                        .doesNotContainPattern(JWT)
                        .doesNotContainPattern(TOKEN);
                for (String keyLine : keyLines) {
                    assertThat(text).doesNotContain(keyLine);
                }
            }
            System.out.printf("secrets: %d log lines, pages and answers searched; none found%n", seen.size());
        }
    }
}
