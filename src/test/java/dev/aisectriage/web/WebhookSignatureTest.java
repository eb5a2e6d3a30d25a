package dev.aisectriage.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
    static final String SECRET = "It's a Secret to Everybody";
    static final byte[] PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    static final String EXPECTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    final WebhookSignature signature = new WebhookSignature(SECRET);

    @Test
    void signsGithubsTestVector() {
        assertThat(signature.sign(PAYLOAD)).isEqualTo(EXPECTED);
    }

    @Test
    void acceptsGithubsTestVector() {
        assertThat(signature.matches(PAYLOAD, EXPECTED)).isTrue();
    }

    @Test
    void refusesAnotherBodyAnotherSecretAndMalformedHeaders() {
        assertThat(signature.matches("Hello, World?".getBytes(StandardCharsets.UTF_8), EXPECTED))
                .isFalse();
        assertThat(new WebhookSignature("another secret").matches(PAYLOAD, EXPECTED))
                .isFalse();
        assertThat(signature.matches(PAYLOAD, null)).isFalse();
        assertThat(signature.matches(PAYLOAD, EXPECTED.substring("sha256=".length())))
                .isFalse();
        assertThat(signature.matches(PAYLOAD, "sha256=zz")).isFalse();
        assertThat(signature.matches(PAYLOAD, EXPECTED.substring(0, 20))).isFalse();
        assertThat(signature.matches(PAYLOAD, "sha1=757107ea0eb2509fc211221cce984b8a37570b6d"))
                .isFalse();
    }
}
