package dev.aisectriage.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionsTest {

    @TempDir
    Path dir;

    @Test
    void anActionWithoutThreadOrInstallationReadsBackWithNulls() {
        // given a repository-level action (a label created) and a thread-level one, in a real SQLite file
        Database db = Database.open(dir.resolve("triage.db"));
        Actions actions = new Actions(db, db::writeTransaction);
        actions.record(null, "acme/zoo", null, "create label", "security", true);
        actions.record(7L, "acme/zoo", 12, "add labels", "[security]", true);

        // when they are listed, newest first
        var recent = actions.recent(10);

        // then the missing numbers come back as null, not as an error or a zero
        assertThat(recent).hasSize(2);
        assertThat(recent.get(0).installationId()).isEqualTo(7L);
        assertThat(recent.get(0).number()).isEqualTo(12);
        assertThat(recent.get(1).installationId()).isNull();
        assertThat(recent.get(1).number()).isNull();
    }
}
