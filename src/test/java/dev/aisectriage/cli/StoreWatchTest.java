package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.store.Database;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.ImmutableFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** False ready, the other half: a running service whose store stops accepting writes stops, saying why. */
class StoreWatchTest {

    @TempDir
    Path dir;

    @Test
    void theServiceIsStoppedWithTheReasonWhenTheWatchChecksItGivenAStoreThatStopsAcceptingWrites() throws Exception {
        Path file = dir.resolve("triage.db");
        Database db = Database.open(file);
        CountDownLatch stopped = new CountDownLatch(1);
        try (StoreWatch watch = StoreWatch.start(db, file, stopped::countDown, Duration.ofMillis(100))) {
            Thread.sleep(300);
            assertThat(watch.failed()).isFalse();
            // Root ignores permission bits: the files are made immutable instead (the WAL is where writes go first)
            try (ImmutableFiles ignored = ImmutableFiles.of(file, dir.resolve("triage.db-wal"), dir)) {
                assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
                Eventually.await(Duration.ofSeconds(5), watch::failed, "watch failed");
                assertThat(watch.reason()).isNotBlank();
            }
        }
    }
}
