package dev.aisectriage.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SerialWriterTest {

    @TempDir
    Path dir;

    @Test
    void failedTransactionLeavesNothingAndTheWriterKeepsWorking() {
        // given a writer on a fresh database
        Database db = Database.open(dir.resolve("w.db"));
        try (SerialWriter writer = new SerialWriter(db)) {
            writer.inTransaction(c -> c.createStatement().execute("CREATE TABLE t (x INTEGER)"));

            // when a transaction writes and then fails
            assertThatThrownBy(() -> writer.inTransaction(c -> {
                        c.createStatement().execute("INSERT INTO t VALUES (1)");
                        throw new IllegalStateException("handler failed");
                    }))
                    .hasMessage("handler failed");

            // then its write is rolled back, and the next transaction commits
            writer.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO t VALUES (2)"));
            writer.checkpoint();
            long sum = db.inTransaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery("SELECT COALESCE(SUM(x), 0) FROM t")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertThat(sum).isEqualTo(2);
        }
    }
}
