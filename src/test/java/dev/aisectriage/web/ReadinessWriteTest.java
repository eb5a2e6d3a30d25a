package dev.aisectriage.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.service.Service;
import dev.aisectriage.support.ImmutableFiles;
import dev.aisectriage.support.TestConfig;
import dev.aisectriage.support.TestService;
import dev.aisectriage.support.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that can be read but not written must not be reported ready: every delivery would fail to be stored. */
@Tag("slow")
class ReadinessWriteTest {

    @TempDir
    Path dir;

    @Test
    void itAnswers503WhenReadinessIsAskedGivenADatabaseFileThatCannotBeWritten() throws Exception {
        try (Service service = TestService.running(TestConfig.dryRun(dir), new EventRoutes())) {
            Webhooks http = new Webhooks(service.port(), TestConfig.SECRET);
            assertThat(http.get("/readyz").statusCode()).isEqualTo(200);
            // Root ignores permission bits, so the files are made immutable instead (ext4 and most Linux file
            // systems): the database, its write-ahead log (WAL writes go there first) and its folder.
            try (ImmutableFiles ignored =
                    ImmutableFiles.of(dir.resolve("triage.db"), dir.resolve("triage.db-wal"), dir)) {
                HttpResponse<String> answer = http.get("/readyz");

                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.body()).contains("\"database\":\"unavailable\"");
            }
        }
    }
}
