package dev.aisectriage.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
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

    /**
     * The file's JSON; a file that is not JSON is a {@link UserError} saying where it stops being JSON, in words
     * rather than the parser's internals.
     *
     * @param named how the person named the file ({@code --fixture FILE}, {@code FILE})
     */
    static JsonNode json(String named, Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new UserError(named + " is not JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + ": give a webhook payload such as test-fixtures/issues-opened-security-report.json");
        } catch (IOException e) {
            throw new UserError(named + ": cannot be read (" + ErrorHandler.oneLine(e.getMessage())
                    + "): check the file's permissions");
        }
    }

    static ThreadPost post(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("--fixture " + file + ": no such file: give a payload such as"
                    + " test-fixtures/issues-opened-security-report.json");
        }
        JsonNode payload = json("--fixture " + file, file);
        String event = SendFixtureCommand.eventFromFileName(file);
        try {
            return GitHubPayloads.thread(GitHubDeliveries.of("fixture", event, payload.toString(), payload));
        } catch (RuntimeException e) {
            throw new UserError("--fixture " + file + " has no issue or discussion with its repository: give an"
                    + " issues, issue_comment, discussion or discussion_comment payload");
        }
    }
}
