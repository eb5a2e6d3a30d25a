package dev.aisectriage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aisectriage.store.Database;
import dev.aisectriage.store.Installations;
import dev.aisectriage.support.Network;
import dev.aisectriage.support.TestDatabase;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Defect 8 of the probe: the dashboard password had no lockout, a malformed header got 500, no password was public. */
@Timeout(60)
class DashboardAccessTest {

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void itAnswers401Not500WhenTheDashboardIsAskedGivenAMalformedBasicHeader() throws Exception {
        try (Server s = serve("s3cret")) {
            for (String header : List.of("Basic !!!not-base64!!!", "Basic " + b64("no-colon"), "Basic", "Bearer x")) {
                HttpResponse<String> r = get(s.url("127.0.0.1"), header);

                assertThat(r.statusCode()).as(header).isEqualTo(401);
                assertThat(r.body()).doesNotContain("private-org");
            }
        }
    }

    @Test
    void theClientIsLockedOutAndItIsLoggedWhenTheRightOneFollowsGivenTenWrongPasswords() throws Exception {
        PrintStream previous = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (Server s = serve("s3cret")) {
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            for (int i = 0; i < DashboardAccess.MAX_FAILURES; i++) {
                assertThat(get(s.url("127.0.0.1"), basic("x:guess-" + i)).statusCode())
                        .isEqualTo(401);
            }

            HttpResponse<String> right = get(s.url("127.0.0.1"), basic("x:s3cret"));

            assertThat(right.statusCode()).isEqualTo(429);
            assertThat(right.headers().firstValue("Retry-After")).isPresent();
            assertThat(right.body()).doesNotContain("private-org");
        } finally {
            System.setErr(previous);
        }
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("dashboard: wrong password from 127.0.0.1")
                .contains("dashboard: 127.0.0.1 locked out for 5 min after 10 wrong passwords");
    }

    @Test
    void itIsRefusedWhenAskedFromAnotherAddressThanLoopbackGivenNoPassword() throws Exception {
        Optional<String> external = Network.nonLoopbackAddress();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to ask from: skipped");
        try (Server s = serve(" ")) {
            assertThat(get(s.url("127.0.0.1"), null).statusCode()).isEqualTo(200);

            HttpResponse<String> outside = get(s.url(external.get()), null);

            assertThat(outside.statusCode()).isEqualTo(403);
            assertThat(outside.body()).contains("DASHBOARD_PASSWORD").doesNotContain("private-org");
        }
    }

    private Server serve(String password) {
        Database db = TestDatabase.open(dir.resolve("triage.db"));
        new Installations(db, db::writeTransaction).recordInstalled(2311213, "private-org");
        Dashboard dashboard = new Dashboard(db, List::of, password);
        Javalin web = Javalin.create(config -> config.routes.get("/dashboard", dashboard))
                .start("0.0.0.0", 0);
        return new Server(web);
    }

    private HttpResponse<String> get(URI uri, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String userAndPassword) {
        return "Basic " + b64(userAndPassword);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    record Server(Javalin web) implements AutoCloseable {
        URI url(String host) {
            return URI.create("http://" + host + ":" + web.port() + "/dashboard");
        }

        @Override
        public void close() {
            web.stop();
        }
    }
}
