package dev.aisectriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.github.GitHubDeliveries;
import dev.aisectriage.github.GitHubPayloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a recorded webhook payload as the bot reads a delivery, for commands that show what it would do. */
final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static ThreadPost post(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("--fixture " + file + ": no such file: give a payload such as"
                    + " test-fixtures/issues-opened-security-report.json");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError("--fixture " + file + " is not JSON (" + ErrorHandler.oneLine(e.getMessage())
                    + "): give a webhook payload");
        }
        String event = SendFixtureCommand.eventFromFileName(file);
        try {
            return GitHubPayloads.thread(GitHubDeliveries.of("fixture", event, payload.toString(), payload));
        } catch (RuntimeException e) {
            throw new UserError("--fixture " + file + " has no issue or discussion with its repository: give an"
                    + " issues, issue_comment, discussion or discussion_comment payload");
        }
    }
}
