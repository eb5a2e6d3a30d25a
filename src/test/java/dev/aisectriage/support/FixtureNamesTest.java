package dev.aisectriage.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every payload in {@code test-fixtures/} is named {@code <event>-<action>-<scenario>.json} (a ping or a push, which
 * have no action, {@code ping-<scenario>.json} and {@code push-<scenario>.json}; a Hugging Face Hub webhook
 * {@code huggingface-<scope>-<action>-<scenario>.json}),
 * and its action is the one in its name.
 */
class FixtureNamesTest {

    @Test
    void everyFixtureIsNamedForItsEventActionAndScenario() throws Exception {
        List<Path> files;
        try (Stream<Path> list = Files.list(Webhooks.FIXTURES)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            JsonNode payload = json.readTree(file.toFile());
            if (name.startsWith("huggingface-")) {
                // the Hub's webhooks: huggingface-<scope>-<action>-<scenario>, scope and action from "event"
                assertThat(name).matches("huggingface-[a-z.]+-[a-z]+-[a-z0-9-]+");
                assertThat(payload.path("event").path("scope").asText()).isEqualTo(name.split("-")[1]);
                assertThat(payload.path("event").path("action").asText()).isEqualTo(name.split("-")[2]);
                continue;
            }
            if (name.startsWith("ping-")) {
                assertThat(payload.has("zen")).as(name + " is a ping").isTrue();
                continue;
            }
            if (name.startsWith("push-")) {
                assertThat(payload.has("ref") && payload.has("commits") && !payload.has("action"))
                        .as(name + " is a push")
                        .isTrue();
                continue;
            }
            assertThat(name).as("named <event>-<action>-<scenario>").matches("[a-z_]+-[a-z_]+-[a-z0-9-]+");
            assertThat(payload.path("action").asText()).as("action of " + name).isEqualTo(name.split("-")[1]);
        }
    }

    @Test
    void thereIsOneFixturesFolder() {
        assertThat(Path.of("src/test/resources/payloads")).doesNotExist();
    }
}
