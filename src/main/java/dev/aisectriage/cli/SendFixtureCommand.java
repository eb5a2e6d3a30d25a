package dev.aisectriage.cli;

import dev.aisectriage.config.AppConfig;
import dev.aisectriage.web.HuggingFaceWebhookEndpoint;
import dev.aisectriage.web.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                + "A huggingface-*.json file goes to /webhooks/huggingface of the same server, with the secret in "
                + "X-Webhook-Secret, as the Hugging Face Hub sends it.")
public final class SendFixtureCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            paramLabel = "FILE",
            description = "payload file, e.g. test-fixtures/issues-opened-security-report.json")
    Path file;

    @Option(
            names = "--url",
            defaultValue = "http://localhost:3000/webhooks/github",
            description = "webhook URL (default: ${DEFAULT-VALUE})")
    String url;

    @Option(
            names = "--secret",
            defaultValue = AppConfig.DEVELOPMENT_WEBHOOK_SECRET,
            description = "webhook secret (default: the dry-run development secret)")
    String secret;

    @Option(names = "--event", description = "X-GitHub-Event (default: from the file name)")
    String event;

    @Option(
            names = "--delivery",
            description = "X-GitHub-Delivery (default: a random UUID; repeat one to see a redelivery)")
    String delivery;

    @Override
    public Integer call() throws Exception {
        byte[] body = Files.readAllBytes(file);
        if (isHubFixture(file)) {
            return sendToHub(body);
        }
        String eventName = event != null ? event : eventFromFileName(file);
        String deliveryId = delivery != null ? delivery : UUID.randomUUID().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/ai-security-triage-send-fixture")
                .header("X-GitHub-Event", eventName)
                .header("X-GitHub-Delivery", deliveryId)
                .header(WebhookSignature.HEADER, new WebhookSignature(secret).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println("POST " + url + " event=" + eventName + " delivery=" + deliveryId);
        System.out.println(response.statusCode() + " " + response.body());
        return response.statusCode() / 100 == 2 ? 0 : 1;
    }

    /** {@code huggingface-*.json}: a Hugging Face Hub payload, sent as the Hub sends it. */
    static boolean isHubFixture(Path file) {
        return file.getFileName().toString().startsWith("huggingface-");
    }

    /** The Hub sends the secret itself in {@code X-Webhook-Secret}, to {@code /webhooks/huggingface}. */
    private int sendToHub(byte[] body) throws Exception {
        String hubUrl = url.replaceFirst("/webhooks/github$", HuggingFaceWebhookEndpoint.PATH);
        HttpRequest request = HttpRequest.newBuilder(URI.create(hubUrl))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("User-Agent", "huggingface-hub-webhook/ai-security-triage-send-fixture")
                .header(HuggingFaceWebhookEndpoint.SECRET_HEADER, secret)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        System.out.println("POST " + hubUrl + " (Hugging Face Hub payload)");
        System.out.println(response.statusCode() + " " + response.body());
        return response.statusCode() / 100 == 2 ? 0 : 1;
    }

    static String eventFromFileName(Path file) {
        String name = file.getFileName().toString();
        int dash = name.indexOf('-');
        String event = dash > 0 ? name.substring(0, dash) : name.replaceFirst("\\.json$", "");
        return event;
    }
}
