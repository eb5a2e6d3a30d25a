package dev.aisectriage.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.config.DotEnv;
import dev.aisectriage.github.AppManifests;
import dev.aisectriage.github.GitHubHttp;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The one-step install: /setup → GitHub's manifest flow → /setup/callback → .env, against a stand-in GitHub. */
@Timeout(30)
class SetupFlowTest {

    private static final String PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEabc\n-----END RSA PRIVATE KEY-----\n";

    @StartStop
    final MockWebServer github = new MockWebServer();

    @TempDir
    Path dir;

    private Javalin web;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void startTheServiceWithoutAnAppId() {
        String api = github.url("/api/v3").toString();
        SetupPage setup = new SetupPage(
                new AppManifests(new GitHubHttp(api)),
                "https://github.example.org",
                dir.resolve(".env"),
                new DashboardAccess(null, Clock.systemUTC()));
        web = Javalin.create(setup::addRoutes).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        web.stop();
    }

    @Test
    void theCredentialsLandInAnOwnerOnlyEnvFileThatServeReadsWhenThePersonGoesThroughSetupGivenNoApp()
            throws Exception {
        // given GitHub converts the manifest code into the new App
        github.enqueue(new MockResponse.Builder()
                .code(201)
                .addHeader("Content-Type", "application/json")
                .body("{\"id\":424242,\"slug\":\"ai-security-triage-octo\",\"html_url\":"
                        + "\"https://github.example.org/apps/ai-security-triage-octo\",\"pem\":"
                        + new ObjectMapper().writeValueAsString(PEM)
                        + ",\"webhook_secret\":\"whsec-123\",\"client_id\":\"Iv1.x\",\"client_secret\":\"cs\"}")
                .build());

        // when the person opens /setup and chooses an organisation
        HttpResponse<String> form = get("/setup");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("name=\"account\"").contains("/webhooks/github");
        HttpResponse<String> toGitHub = post(
                "/setup",
                "account=organization&organization=octo-org&webhook_url=https%3A%2F%2Fbot.example%2Fwebhooks%2Fgithub");

        // then the page posts the manifest to the organisation's new-App form, with a state
        assertThat(toGitHub.statusCode()).isEqualTo(200);
        Matcher action = Pattern.compile(
                        "action=\"https://github\\.example\\.org/organizations/octo-org/settings/apps/new\\?state=([0-9a-f]+)\"")
                .matcher(toGitHub.body());
        assertThat(action.find()).as(toGitHub.body()).isTrue();
        String state = action.group(1);
        Matcher field = Pattern.compile("name=\"manifest\" value=\"([^\"]*)\"").matcher(toGitHub.body());
        assertThat(field.find()).isTrue();
        JsonNode manifest = new ObjectMapper().readTree(unescape(field.group(1)));
        assertThat(manifest.at("/hook_attributes/url").asText()).isEqualTo("https://bot.example/webhooks/github");
        assertThat(manifest.path("redirect_url").asText())
                .isEqualTo("http://127.0.0.1:" + web.port() + "/setup/callback");
        assertThat(manifest.at("/default_permissions/issues").asText()).isEqualTo("write");

        // when GitHub sends the person back with a code and the state
        HttpResponse<String> done = get("/setup/callback?code=abc123&state=" + state);

        // then the code was exchanged, the credentials written owner-only, and the person told to restart
        RecordedRequest conversion = github.takeRequest(5, TimeUnit.SECONDS);
        assertThat(conversion.getMethod() + " " + conversion.getTarget())
                .isEqualTo("POST /api/v3/app-manifests/abc123/conversions");
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("restart").contains("424242").doesNotContain("whsec-123");
        Path env = dir.resolve(".env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env)))
                .isEqualTo("rw-------");
        AppConfig config = AppConfig.fromEnvironment(DotEnv.read(env));
        assertThat(config.appId()).isEqualTo(424242L);
        assertThat(config.privateKey()).isEqualTo(PEM);
        assertThat(config.webhookSecret()).isEqualTo("whsec-123");
        assertThat(config.dryRun()).isFalse();
    }

    @Test
    void nothingIsExchangedNorWrittenWhenItArrivesGivenACallbackWithAStateThisServerNeverIssued() throws Exception {
        HttpResponse<String> forged = get("/setup/callback?code=abc123&state=deadbeef");

        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(github.getRequestCount()).isZero();
        assertThat(dir.resolve(".env")).doesNotExist();
    }

    @Test
    void givenPullRequestsTicked_whenTheFormIsSent_thenGitHubGetsTheManifestWithThePullRequestPermissionAndEvent()
            throws Exception {
        // when the person ticks "also pull requests", then leaves it unticked
        HttpResponse<String> ticked = post("/setup", "account=user&pull_requests=on");
        HttpResponse<String> plain = post("/setup", "account=user");

        // then only the first manifest asks to read pull requests and subscribes to their event
        JsonNode withPullRequests = manifestIn(ticked.body());
        JsonNode standard = manifestIn(plain.body());
        assertThat(withPullRequests.at("/default_permissions/pull_requests").asText())
                .isEqualTo("read");
        assertThat(withPullRequests.path("default_events").toString()).contains("\"pull_request\"");
        assertThat(standard.at("/default_permissions/pull_requests").isMissingNode())
                .isTrue();
        assertThat(standard.path("default_events").toString()).doesNotContain("\"pull_request\"");
    }

    private static JsonNode manifestIn(String page) throws Exception {
        Matcher field = Pattern.compile("name=\"manifest\" value=\"([^\"]*)\"").matcher(page);
        assertThat(field.find()).as(page).isTrue();
        return new ObjectMapper().readTree(unescape(field.group(1)));
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
