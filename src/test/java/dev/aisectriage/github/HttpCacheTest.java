package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.support.Answering;
import dev.aisectriage.support.TestKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Repeated reads through the cache: sent with {@code If-None-Match}, answered 304, served from the cache. */
@Timeout(30)
class HttpCacheTest {

    private static final String CONFIG = ".github/ai-security-triage.yml";
    private static final String CONTENTS = "/repos/octo/ml/contents/" + CONFIG;
    private static final String TOKEN = "ghs_secret_token_of_42";

    @TempDir
    Path dir;

    @StartStop
    final MockWebServer github = Answering.server(this::answer);

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final Map<String, String> files = new ConcurrentHashMap<>();
    private final AtomicInteger notModified = new AtomicInteger();
    private final KeyPair app = TestKeys.rsa();

    @Test
    void theSecondReadIsRevalidatedAndServedFrom304WhenTheConfigFileIsReadTwiceGivenACache() {
        // given the bot with a cache, and a repository with a config file
        files.put(CONFIG, "security_label: security\n");
        GitHubHttp http = http(dir.resolve("cache"));
        GitHubGateway gateway = gateway(http);

        // when the file is read twice
        Optional<RepoFile> first = gateway.readFile(42, "octo/ml", CONFIG);
        Optional<RepoFile> second = gateway.readFile(42, "octo/ml", CONFIG);

        // then the second GET carried the first answer's ETag, GitHub answered 304, and the caller got the body
        List<Seen> reads = reads();
        assertThat(reads).hasSize(2);
        assertThat(reads.get(0).ifNoneMatch()).isNull();
        assertThat(reads.get(1).ifNoneMatch()).isEqualTo(etagOf("security_label: security\n"));
        assertThat(notModified).hasValue(1);
        assertThat(second).map(RepoFile::content).contains("security_label: security\n");
        assertThat(second).isEqualTo(first);
        // and every request that reached GitHub is counted, the 304 among them
        assertThat(http.requestsSent()).isEqualTo(seen.size()).isEqualTo(3);
        assertThat(http.notModified()).isEqualTo(1);
    }

    @Test
    void theNewContentIsReadNotTheStoredOneWhenTheFileChangedBetweenReadsGivenACache() {
        // given a config file read once through the cache
        files.put(CONFIG, "security_label: security\n");
        GitHubHttp http = http(dir.resolve("cache"));
        GitHubGateway gateway = gateway(http);
        gateway.readFile(42, "octo/ml", CONFIG);

        // when the file changes and is read again
        files.put(CONFIG, "security_label: vulnerability\n");
        Optional<RepoFile> again = gateway.readFile(42, "octo/ml", CONFIG);

        // then GitHub was asked (conditionally), answered 200 with the new content, and that is what the caller got
        assertThat(reads()).hasSize(2);
        assertThat(reads().get(1).ifNoneMatch()).isEqualTo(etagOf("security_label: security\n"));
        assertThat(notModified).hasValue(0);
        assertThat(again).map(RepoFile::content).contains("security_label: vulnerability\n");
    }

    @Test
    void noTokenIsWrittenToDiskWhenAnswersAreStoredGivenACache() throws IOException {
        // given the bot with a cache
        files.put(CONFIG, "security_label: security\n");
        Path cache = dir.resolve("cache");
        GitHubGateway gateway = gateway(http(cache));

        // when the config file and the repository's labels are read
        gateway.readFile(42, "octo/ml", CONFIG);
        gateway.listLabels(42, "octo/ml");

        // then answers were stored, and none of the stored bytes holds the installation token
        List<String> stored = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(cache)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                stored.add(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        assertThat(String.join("\n", stored))
                .contains(CONTENTS)
                .contains("/repos/octo/ml/labels")
                .doesNotContain(TOKEN);
    }

    @Test
    void bothReadsAreSentWholeWhenTheConfigFileIsReadTwiceGivenNoCache() {
        // given the bot without a cache
        files.put(CONFIG, "security_label: security\n");
        GitHubHttp http = http(null);

        // when the file is read twice
        gateway(http).readFile(42, "octo/ml", CONFIG);
        gateway(http).readFile(42, "octo/ml", CONFIG);

        // then neither read was conditional
        assertThat(reads()).extracting(Seen::ifNoneMatch).containsExactly(null, null);
        assertThat(http.notModified()).isZero();
    }

    private GitHubHttp http(Path cache) {
        return new GitHubHttp(
                github.url("/").toString(),
                new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(5)),
                d -> {},
                Clock.systemUTC(),
                cache);
    }

    private GitHubGateway gateway(GitHubHttp http) {
        InstallationTokens tokens =
                new InstallationTokens(http, new AppJwt("1", app.getPrivate(), Clock.systemUTC()), Clock.systemUTC());
        return GitHubApp.onTokens(http, tokens, (i, r, n, a, d, dry) -> {}, false);
    }

    private List<Seen> reads() {
        return seen.stream().filter(s -> s.path().equals(CONTENTS)).toList();
    }

    private MockResponse answer(RecordedRequest r) {
        String path = r.getUrl().encodedPath();
        seen.add(new Seen(r.getMethod() + " " + path, path, r.getHeaders().get("If-None-Match")));
        if (path.equals("/app/installations/42/access_tokens")) {
            return json(
                            201,
                            "{\"token\":\"" + TOKEN + "\",\"expires_at\":\""
                                    + Instant.now().plusSeconds(3600) + "\"}")
                    .build();
        }
        if (!("Bearer " + TOKEN).equals(r.getHeaders().get("Authorization"))) {
            return json(401, "{\"message\":\"Bad credentials\"}").build();
        }
        if (path.equals(CONTENTS)) {
            String content = files.get(CONFIG);
            String body = "{\"type\":\"file\",\"encoding\":\"base64\",\"name\":\"ai-security-triage.yml\",\"path\":\""
                    + CONFIG + "\",\"sha\":\"" + Integer.toHexString(content.hashCode()) + "\",\"content\":\""
                    + Base64.getEncoder().encodeToString(content.getBytes(StandardCharsets.UTF_8)) + "\"}";
            return conditional(r, etagOf(content), body);
        }
        if (path.equals("/repos/octo/ml/labels")) {
            return conditional(r, "\"labels-1\"", "[{\"id\":1,\"name\":\"security\",\"color\":\"d73a4a\"}]");
        }
        return json(404, "{\"message\":\"Not Found\"}").build();
    }

    /** As GitHub answers a read: an ETag, private caching, varying by credentials; 304 when the ETag still holds. */
    private MockResponse conditional(RecordedRequest r, String etag, String body) {
        MockResponse.Builder b = etag.equals(r.getHeaders().get("If-None-Match"))
                ? new MockResponse.Builder().code(304)
                : json(200, body);
        if (b.getCode() == 304) {
            notModified.incrementAndGet();
        }
        return b.addHeader("ETag", etag)
                .addHeader("Cache-Control", "private, max-age=60, s-maxage=60")
                .addHeader("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP")
                .build();
    }

    private static MockResponse.Builder json(int code, String body) {
        return new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/json; charset=utf-8")
                .body(body);
    }

    private static String etagOf(String content) {
        return "\"" + Integer.toHexString(content.hashCode()) + "\"";
    }

    private record Seen(String line, String path, String ifNoneMatch) {}
}
