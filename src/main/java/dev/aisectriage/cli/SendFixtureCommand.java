package dev.aisectriage.cli;

import dev.aisectriage.config.AppConfig;
import dev.aisectriage.web.HuggingFaceWebhookEndpoint;
import dev.aisectriage.web.WebhookEndpoint;
import dev.aisectriage.web.WebhookSignature;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Signs a fixture like GitHub would and posts it to a running bot, so a newcomer can watch a delivery go through. */
@Command(
        name = "send-fixture",
        mixinStandardHelpOptions = true,
        description = "Signs a webhook payload and posts it to a running bot; prints the answer. "
                + "The event is the file name up to the first '-' (test-fixtures/<event>-<action>-<scenario>.json). "
                + "A huggingface-*.json file goes to /webhooks/huggingface with the secret in X-Webhook-Secret "
                + "(default: HF_WEBHOOK_SECRET, else the development secret), as the Hugging Face Hub sends it.")
public final class SendFixtureCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "payload file, e.g. test-fixtures/issues-opened-security-report.json")
    Path file;

    @Option(
            names = "--url",
            description = "webhook URL (default: http://localhost:$PORT/webhooks/github, PORT 3000 when unset)")
    String url;

    @Option(
            names = "--secret",
            description = "webhook secret (default: WEBHOOK_SECRET, else the dry-run development secret)")
    String secret;

    @Option(names = "--event", description = "X-GitHub-Event (default: from the file name)")
    String event;

    @Option(
            names = "--delivery",
            description = "X-GitHub-Delivery (default: a random UUID; repeat one to see a redelivery)")
    String delivery;

    private final Map<String, String> env;

    public SendFixtureCommand() {
        this(System.getenv());
    }

    SendFixtureCommand(Map<String, String> env) {
        this.env = env;
    }

    /** The payload {@code file}, to be posted to {@code url} (a bot's GitHub webhook) with the given secrets. */
    SendFixtureCommand(Map<String, String> env, Path file, String url) {
        this(env);
        this.file = file;
        this.url = url;
    }

    @Override
    public Integer call() throws Exception {
        Sent sent = send();
        HttpResponse<String> response = sent.response();
        System.out.println(sent.request());
        System.out.println(response.statusCode() + " " + response.body());
        if (sent.hub() && (response.statusCode() == 401 || response.statusCode() == 403)) {
            System.out.println("the bot refused the secret: send the bot's HF_WEBHOOK_SECRET (set it here too, or pass"
                    + " --secret)");
        } else {
            explain(response);
        }
        return response.statusCode() / 100 == 2 ? 0 : 1;
    }

    /**
     * A payload posted as its platform sends it, and the bot's answer.
     *
     * @param request what was sent, in one line ({@code POST url event=… delivery=…})
     * @param hub whether it went to the Hub's webhook
     */
    record Sent(String request, boolean hub, HttpResponse<String> response) {}

    /** Signs and posts the payload, printing nothing; no answer at all is a {@link UserError}. */
    Sent send() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such file: give a payload such as"
                    + " test-fixtures/issues-opened-security-report.json");
        }
        Fixtures.json(file.toString(), file);
        byte[] body = Files.readAllBytes(file);
        String port = env.getOrDefault("PORT", "").isBlank()
                ? "3000"
                : env.get("PORT").trim();
        if (isHubFixture(file)) {
            return sendToHub(body, port);
        }
        String url = this.url != null ? this.url : "http://localhost:" + port + WebhookEndpoint.PATH;
        String secret = secret("WEBHOOK_SECRET");
        URI uri = uri(url, WebhookEndpoint.PATH);
        String eventName = event != null ? event : eventFromFileName(file);
        String deliveryId = delivery != null ? delivery : UUID.randomUUID().toString();
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/ai-security-triage-send-fixture")
                .header("X-GitHub-Event", eventName)
                .header("X-GitHub-Delivery", deliveryId)
                .header(WebhookSignature.HEADER, new WebhookSignature(secret).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return new Sent("POST " + url + " event=" + eventName + " delivery=" + deliveryId, false, send(request, url));
    }

    /** Posts the request; no answer at all is a {@link UserError} saying how to start the bot. */
    private static HttpResponse<String> send(HttpRequest request, String url) throws Exception {
        try {
            return HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build()
                    .send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new UserError("no bot answers at " + url + ": start it with 'serve' in another terminal, or set"
                    + " PORT (or --url) to where it listens");
        }
    }

    /** {@code --secret}, else the variable the bot reads, else the development secret of a dry-run bot. */
    private String secret(String variable) {
        if (this.secret != null) {
            return this.secret;
        }
        String value = env.getOrDefault(variable, "");
        return value.isBlank() ? AppConfig.DEVELOPMENT_WEBHOOK_SECRET : value.trim();
    }

    private static URI uri(String url, String path) {
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UserError("--url " + url + " is not a URL (check PORT): give http://HOST:PORT" + path);
        }
    }

    /** {@code huggingface-*.json}: a Hugging Face Hub payload, sent as the Hub sends it. */
    static boolean isHubFixture(Path file) {
        return file.getFileName().toString().startsWith("huggingface-");
    }

    /**
     * The Hub sends the secret itself in {@code X-Webhook-Secret}, to {@code /webhooks/huggingface}; a {@code --url}
     * naming the GitHub webhook of a server is taken to mean that server's Hub webhook.
     */
    private Sent sendToHub(byte[] body, String port) throws Exception {
        String hubUrl = this.url != null
                ? this.url.replaceFirst(WebhookEndpoint.PATH + "$", HuggingFaceWebhookEndpoint.PATH)
                : "http://localhost:" + port + HuggingFaceWebhookEndpoint.PATH;
        String hubSecret = secret("HF_WEBHOOK_SECRET");
        URI uri = uri(hubUrl, HuggingFaceWebhookEndpoint.PATH);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("User-Agent", "ai-security-triage-send-fixture (Hugging Face Hub payload)")
                .header(HuggingFaceWebhookEndpoint.SECRET_HEADER, hubSecret)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return new Sent("POST " + hubUrl + " (Hugging Face Hub payload)", true, send(request, hubUrl));
    }

    /** A line saying what the answer means, for the answers a newcomer meets. */
    private void explain(HttpResponse<String> response) {
        if (response.statusCode() == 401) {
            System.out.println("the bot refused the signature: sign with the bot's WEBHOOK_SECRET (set it here too,"
                    + " or pass --secret)");
        } else if (response.body().contains("\"duplicate\"")) {
            System.out.println("duplicate: the bot has already received this event (same delivery id, or the same"
                    + " action on the same thread under another id) and acts on it once; edit the fixture or start"
                    + " the bot with a fresh DATABASE_PATH to replay it");
        }
    }

    static String eventFromFileName(Path file) {
        String name = file.getFileName().toString();
        int dash = name.indexOf('-');
        String event = dash > 0 ? name.substring(0, dash) : name.replaceFirst("\\.json$", "");
        return event;
    }
}
