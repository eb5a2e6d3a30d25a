package dev.aisectriage.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.support.Webhooks;
import dev.aisectriage.web.WebhookSignature;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a stranger can send to {@code POST /webhooks/github}: wrong, missing and malformed signatures, bodies that
 * are not JSON objects, other content types, missing and oversized headers, oversized bodies, other methods, broken
 * HTTP. Each gets a clear 4xx (or a 2xx no-op), never a 5xx; the service stays healthy; nothing is stored that was
 * not signed; and the log has no ERROR and no stack trace. The real service ({@code serve}) in a child process.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputTest {

    static final String SECRET = "hostile-input-secret";
    static final byte[] REPORT = Webhooks.fixture("issues-opened-security-report.json");

    ServeProcess serve;
    StoreProbe store;
    HttpClient http;
    final List<String> outcomes = new ArrayList<>();

    @BeforeAll
    void start(@TempDir Path dir) {
        serve = ServeProcess.start(dir, Map.of("WEBHOOK_SECRET", SECRET, "DRY_RUN", "true"));
        store = new StoreProbe(dir.resolve("triage.db"));
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    void stop() {
        if (serve != null) {
            serve.close();
        }
    }

    @Test
    void eachIs401AndNothingIsStoredWhenDeliveredGivenBadSignatures() throws Exception {
        String good = sign(REPORT);
        String[] bad = {
            null,
            "",
            "sha256=",
            "sha256",
            "sha1=" + good.substring(7, 47),
            "sha256=" + good.substring(7).toUpperCase(java.util.Locale.ROOT).replace('A', 'B'),
            "sha256=" + "0".repeat(64),
            "sha256=" + good.substring(7, 70),
            "sha256=" + good.substring(7) + "00",
            "sha256=zz" + good.substring(9),
            good.replace("sha256=", "SHA256= "),
            "sha256=" + "a".repeat(8_000),
            new WebhookSignature("not-the-secret").sign(REPORT),
            sign("{}".getBytes(StandardCharsets.UTF_8)),
        };
        for (String signature : bad) {
            int status = post("d-badsig", "issues", "application/json", REPORT, signature);
            assertThat(status).as("signature %s", signature).isIn(401, 400, 431);
        }
        assertThat(store.count("SELECT COUNT(*) FROM deliveries WHERE delivery_id = 'd-badsig'"))
                .isZero();
    }

    @Test
    void eachIs400WhenDeliveredGivenSignedBodiesThatAreNoJsonObject() throws Exception {
        String[] bodies = {
            "",
            "not json",
            "[]",
            "null",
            "42",
            "\"text\"",
            "{",
            "{\"action\":",
            "{\"a\":1}{\"b\":2}",
            "[".repeat(100_000),
            "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}",
            "{\"n\":1e999999999}",
            "{\"n\":" + "9".repeat(5_000) + "}",
            "{\"s\":\"\\ud800\"}",
            "payload=%7B%22action%22%3A%22opened%22%7D",
        };
        int i = 0;
        for (String body : bodies) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            int status = post("d-body-" + i++, "issues", "application/json", bytes, sign(bytes));
            assertThat(status)
                    .as("body %s", body.length() > 40 ? body.substring(0, 40) + "…" : body)
                    .isIn(400, 202, 413);
        }
        byte[] invalidUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};
        assertThat(post("d-utf8", "issues", "application/json", invalidUtf8, sign(invalidUtf8)))
                .isIn(400, 202);
    }

    @Test
    void theyAreJudgedByTheBodyAloneWhenDeliveredSignedGivenOtherContentTypes() throws Exception {
        for (String type : new String[] {
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/json; charset=latin1",
            "multipart/form-data",
            ""
        }) {
            assertThat(post("d-type-" + type.hashCode(), "issues", type, REPORT, sign(REPORT)))
                    .as(type)
                    .isIn(202, 400, 415);
        }
    }

    @Test
    void theAnswerIs4xxOrANoOpWhenDeliveredSignedGivenMissingOrStrangeHeaders() throws Exception {
        assertThat(post(null, "issues", "application/json", REPORT, sign(REPORT)))
                .isEqualTo(400);
        assertThat(post("d-no-event", null, "application/json", REPORT, sign(REPORT)))
                .isEqualTo(400);
        assertThat(post("d-unknown-event", "no_such_event", "application/json", REPORT, sign(REPORT)))
                .isEqualTo(202);
        assertThat(post("x".repeat(6_000), "issues", "application/json", REPORT, sign(REPORT)))
                .isIn(202, 400, 431);
        assertThat(post("d-long-event", "e".repeat(6_000), "application/json", REPORT, sign(REPORT)))
                .isIn(202, 400, 431);
        assertThat(post("d-weird \u00e9\u00ff", "issues\t", "application/json", REPORT, sign(REPORT)))
                .isIn(202, 400);
    }

    @Test
    void theyAre413AndTheServiceStaysUpWhenDeliveredGivenOversizedBodies() throws Exception {
        byte[] big = new byte[26 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        assertThat(post("d-big-unsigned", "issues", "application/json", big, null))
                .isIn(413, 401);
        assertThat(post("d-big", "issues", "application/json", big, sign(big))).isEqualTo(413);
        assertThat(rawStatus("POST /webhooks/github HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 999999999999\r\n\r\n{}"))
                .isIn(400, 413, -1);
    }

    @Test
    void theAnswerIs4xxOrTheConnectionIsClosedWhenSentGivenBrokenHttp() throws Exception {
        assertThat(rawStatus("POST /webhooks/github HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "zz\r\nnot a chunk\r\n0\r\n\r\n"))
                .isIn(400, 401, -1);
        assertThat(rawStatus("POST /webhooks/github HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n"
                        + "Content-Length: 20\r\n\r\n0123456789"))
                .isIn(400, 401, -1);
        assertThat(rawStatus("GARBAGE\r\n\r\n")).isIn(400, -1);
        assertThat(rawStatus("POST /webhooks/github HTTP/1.1\r\nHost: x\r\nX-GitHub-Event: is\u0000sues\r\n"
                        + "Content-Length: 2\r\n\r\n{}"))
                .isIn(400, 401, -1);
        assertThat(rawStatus("GET /webhooks/github HTTP/1.1\r\nHost: x\r\n\r\n"))
                .isIn(404, 405);
        assertThat(rawStatus("PUT /webhooks/github HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"))
                .isIn(404, 405);
        assertThat(rawStatus("GET /webhooks/github/../../etc/passwd HTTP/1.1\r\nHost: x\r\n\r\n"))
                .isIn(400, 404);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void theServiceIsHealthyAndItsLogHasNoErrorAndNoStackTraceGivenEveryCaseAbove() throws Exception {
        assertThat(outcomes).hasSizeGreaterThan(40);

        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port() + "/healthz"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(outcomes).noneMatch(o -> o.startsWith("5"));
        assertThat(serve.lines()).as("log lines").noneMatch(LogLines::isErrorOrTrace);
        java.util.Map<String, Long> tally = new java.util.TreeMap<>();
        outcomes.forEach(o -> tally.merge(o, 1L, Long::sum));
        System.out.printf(
                "hostile input: %d requests, answers %s, %d log lines, no ERROR, no stack trace%n",
                outcomes.size(), tally, serve.lines().size());
    }

    private int post(String deliveryId, String event, String contentType, byte[] body, String signature)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + serve.port() + "/webhooks/github"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null && !contentType.isEmpty()) {
            b.header("Content-Type", contentType);
        }
        if (deliveryId != null) {
            b.header("X-GitHub-Delivery", deliveryId);
        }
        if (event != null) {
            b.header("X-GitHub-Event", event);
        }
        if (signature != null) {
            b.header(WebhookSignature.HEADER, signature);
        }
        int status;
        try {
            status =
                    http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            // Jetty may close the connection on a body it refuses before reading it all; that is an answer too
            status = 413;
        }
        outcomes.add(String.valueOf(status));
        return status;
    }

    /** Sends raw bytes; the status of the answer, or -1 when the server closed the connection without one. */
    private int rawStatus(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", serve.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            s.shutdownOutput(); // the client is gone before its body is complete
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                head.write(c);
            }
            String line = head.toString(StandardCharsets.ISO_8859_1);
            if (!line.startsWith("HTTP/1.")) {
                outcomes.add("closed");
                return -1;
            }
            String status = line.split(" ")[1];
            outcomes.add(status);
            return Integer.parseInt(status);
        } catch (java.net.SocketException e) {
            outcomes.add("closed");
            return -1;
        }
    }

    private static String sign(byte[] body) {
        return new WebhookSignature(SECRET).sign(body);
    }
}
