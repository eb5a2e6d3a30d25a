package dev.aisectriage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.aisectriage.store.Database;
import dev.aisectriage.support.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** False ready, the other half: a running service whose store stops accepting writes stops, saying why. */
class StoreWatchTest {

    @TempDir
    Path dir;

    @Test
    void givenAStoreThatStopsAcceptingWrites_whenTheWatchChecksIt_thenTheServiceIsStoppedWithTheReason()
            throws Exception {
        Path file = dir.resolve("triage.db");
        Database db = Database.open(file);
        CountDownLatch stopped = new CountDownLatch(1);
        try (StoreWatch watch = StoreWatch.start(db, file, stopped::countDown, Duration.ofMillis(100))) {
            Thread.sleep(300);
            assertThat(watch.failed()).isFalse();
            // Root ignores permission bits: the files are made immutable instead (the WAL is where writes go first)
            List<Path> files = Stream.of(file, dir.resolve("triage.db-wal"), dir)
                    .filter(Files::exists)
                    .toList();
            List<Path> immutable = new ArrayList<>();
            try {
                for (Path f : files) {
                    if (chattr("+i", f)) {
                        immutable.add(f);
                    }
                }
                assumeTrue(
                        immutable.size() == files.size(),
                        "chattr +i is not available here (not root, or no immutable flag on this file system): skipped");
                assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
                Eventually.await(Duration.ofSeconds(5), watch::failed, "watch failed");
                assertThat(watch.reason()).isNotBlank();
            } finally {
                immutable.forEach(f -> chattr("-i", f));
            }
        }
    }

    private static boolean chattr(String flag, Path file) {
        try {
            Process p = new ProcessBuilder("chattr", flag, file.toString())
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
