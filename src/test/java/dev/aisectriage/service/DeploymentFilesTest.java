package dev.aisectriage.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.huggingface.HubEvents;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.TestConfig;
import dev.aisectriage.support.TestService;
import dev.aisectriage.support.Webhooks;
import dev.aisectriage.web.SetupPage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * fly.toml, the Dockerfile and the App manifests say what the code does: its port, its readiness path, how long it
 * drains on SIGTERM, where its data lives, which GitHub events its routing table handles and the permissions those
 * events and its writes need. The code is the source of truth; the files follow it.
 */
@Timeout(60)
class DeploymentFilesTest {

    /** GitHub sends these to every App; a manifest cannot subscribe to them. */
    private static final Set<String> ALWAYS_SENT = Set.of("installation", "installation_repositories");

    /**
     * The repository permission GitHub requires to receive each webhook event (GitHub's documentation, "Webhook
     * events and payloads": the availability line of each event), and the level the bot's writes need there.
     */
    private static final Map<String, String> PERMISSION_OF_EVENT = Map.of(
            "issues", "issues",
            "issue_comment", "issues",
            "discussion", "discussions",
            "discussion_comment", "discussions",
            "pull_request", "pull_requests",
            "push", "contents",
            "repository_advisory", "repository_advisories");

    /** What the bot itself reads or writes, whatever it subscribes to (docs/operations.md, "GitHub calls"). */
    private static final Map<String, String> PERMISSIONS_OF_CALLS = Map.of(
            "issues", "write", // labels and the comment, on issues and on pull requests (shared endpoint)
            "discussions", "write", // labels and the comment on discussions (GraphQL)
            "contents", "read", // .github/ai-security-triage.yml, SECURITY.md
            "metadata", "read"); // every App; private vulnerability reporting's check
    // opening a draft advisory (disclosure: contain) needs repository_advisories: write, which owners who opt in grant:
    // the manifests ask only for the read the default behaviour needs (docs/security-teams.md)

    private static final Path ROOT = Path.of("");

    @TempDir
    Path dir;

    @Test
    void givenFlyToml_whenReadAgainstTheCode_thenPortHealthCheckGraceAndVolumeMatchWhatTheServiceDoes()
            throws Exception {
        JsonNode fly = new TomlMapper().readTree(ROOT.resolve("fly.toml").toFile());

        // the port the service listens on by default, in the image and in fly's [env]
        assertThat(fly.at("/http_service/internal_port").asInt()).isEqualTo(AppConfig.DEFAULT_PORT);
        assertThat(fly.at("/env/PORT").asText()).isEqualTo(String.valueOf(AppConfig.DEFAULT_PORT));
        // beyond loopback, so that fly's proxy reaches it
        assertThat(AppConfig.fromEnvironment(envOf(fly)).bindHost()).isEqualTo("0.0.0.0");
        // SIGTERM, and more time than the service waits for its jobs in flight
        assertThat(fly.path("kill_signal").asText()).isEqualTo("SIGTERM");
        assertThat(fly.path("kill_timeout").asLong()).isGreaterThan(Service.DRAIN_TIMEOUT.toSeconds());
        // the store, and so the .env /setup writes, on the volume
        String volume = fly.at("/mounts/destination").asText();
        assertThat(Path.of(fly.at("/env/DATABASE_PATH").asText()).getParent()).isEqualTo(Path.of(volume));

        // the health check is the readiness path: 200 on a ready service, 503 while its model is not loaded
        JsonNode check = fly.at("/http_service/checks/0");
        assertThat(check.path("method").asText()).isEqualTo("GET");
        String path = check.path("path").asText();
        AppConfig loadingConfig = TestConfig.dryRun(dir.resolve("b"));
        try (Service ready = TestService.running(TestConfig.dryRun(dir.resolve("a")), new EventRoutes());
                Service loading = Service.start(
                        loadingConfig, TestService.store(loadingConfig), wiring -> new EventRoutes(), () -> false)) {
            HttpResponse<String> up = new Webhooks(ready.port(), TestConfig.SECRET).get(path);
            HttpResponse<String> notYet = new Webhooks(loading.port(), TestConfig.SECRET).get(path);
            assertThat(up.statusCode()).isEqualTo(200);
            assertThat(notYet.statusCode())
                    .as("fly's check must keep a machine that is not ready out")
                    .isEqualTo(503);
        }
    }

    @Test
    void
            givenTheDockerfile_whenReadAgainstTheCodeAndFly_thenItListensOnThePortBeyondLoopbackAsAUserWithDataOnTheVolume()
                    throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile")).replace("\\\n", " ");
        JsonNode fly = new TomlMapper().readTree(ROOT.resolve("fly.toml").toFile());
        Map<String, String> env = new LinkedHashMap<>();
        Matcher envLine = Pattern.compile("(?m)^ENV (.*)$").matcher(dockerfile);
        while (envLine.find()) {
            Matcher pair = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)").matcher(envLine.group(1));
            while (pair.find()) {
                env.put(pair.group(1), pair.group(2).replace("\"", ""));
            }
        }

        AppConfig image = AppConfig.fromEnvironment(env);
        assertThat(image.port()).isEqualTo(AppConfig.DEFAULT_PORT);
        assertThat(dockerfile).containsPattern("(?m)^EXPOSE " + AppConfig.DEFAULT_PORT + "$");
        assertThat(image.bindHost())
                .as("the image's server must be reachable from outside the container")
                .isEqualTo("0.0.0.0");
        String volume = fly.at("/mounts/destination").asText();
        assertThat(dockerfile).containsPattern("(?m)^VOLUME \\[\"" + volume + "\"]$");
        assertThat(image.databasePath().getParent()).isEqualTo(Path.of(volume));
        assertThat(dockerfile).containsPattern("(?m)^USER [1-9][0-9]*:[1-9][0-9]*$");
        // every manifest the jar needs is copied into the build
        assertThat(dockerfile).containsPattern("(?m)^COPY app-manifest\\*\\.yml ");
    }

    @Test
    void givenTheManifests_whenReadAgainstTheRoutingTable_thenTheDefaultAsksTheLeastAndTheOptInAddsPullRequests()
            throws Exception {
        // the GitHub events the routing table handles, as serve wires it (the Hub's left out)
        Set<String> handled = Bot.withoutCredentials(dir).routes.keys().stream()
                .filter(key -> !key.startsWith(HubEvents.PREFIX))
                .map(key -> key.contains(".") ? key.substring(0, key.indexOf('.')) : key) // push has no action
                .filter(event -> !ALWAYS_SENT.contains(event))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(PERMISSION_OF_EVENT)
                .as("every handled event has its permission here")
                .containsKeys(handled.toArray(String[]::new));
        // pull requests are opt-in per repository, off by default: the default manifest leaves them out
        assertThat(RepoConfig.defaults().pullRequests()).isFalse();
        Set<String> optIn = Set.of("pull_request");

        JsonNode standard = manifest(SetupPage.MANIFEST_RESOURCE);
        JsonNode withPullRequests = manifest(SetupPage.PULL_REQUESTS_MANIFEST_RESOURCE);

        Set<String> defaultEvents = new TreeSet<>(handled);
        defaultEvents.removeAll(optIn);
        assertThat(events(standard)).isEqualTo(defaultEvents);
        assertThat(permissions(standard)).isEqualTo(permissionsFor(defaultEvents));
        assertThat(events(withPullRequests)).isEqualTo(handled);
        assertThat(permissions(withPullRequests)).isEqualTo(permissionsFor(handled));
        assertThat(withPullRequests.at("/default_permissions/pull_requests").asText())
                .as("pull_request events need read; labels on a pull request go through issues: write")
                .isEqualTo("read");
        // the rest of the App is the same
        assertThat(withPullRequests.at("/hook_attributes")).isEqualTo(standard.at("/hook_attributes"));
        assertThat(withPullRequests.path("name")).isEqualTo(standard.path("name"));
    }

    /** The least permissions: the calls' own, plus read on what each subscribed event needs. */
    private static Map<String, String> permissionsFor(Set<String> events) {
        Map<String, String> out = new TreeMap<>(PERMISSIONS_OF_CALLS);
        for (String event : events) {
            out.putIfAbsent(PERMISSION_OF_EVENT.get(event), "read");
        }
        return out;
    }

    private static Set<String> events(JsonNode manifest) {
        Set<String> out = new TreeSet<>();
        manifest.path("default_events").forEach(e -> out.add(e.asText()));
        return out;
    }

    private static Map<String, String> permissions(JsonNode manifest) {
        Map<String, String> out = new TreeMap<>();
        manifest.path("default_permissions")
                .properties()
                .forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static JsonNode manifest(String resource) throws IOException {
        // the file in the repository is what the jar carries (the build copies it) and what people register by hand
        return new YAMLMapper().readTree(ROOT.resolve(resource).toFile());
    }

    private static Map<String, String> envOf(JsonNode fly) {
        Map<String, String> env = new LinkedHashMap<>();
        fly.path("env")
                .properties()
                .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }
}
