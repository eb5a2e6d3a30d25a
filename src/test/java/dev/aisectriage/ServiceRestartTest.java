package dev.aisectriage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.queue.JobState;
import dev.aisectriage.store.Database;
import dev.aisectriage.support.ChildOutput;
import dev.aisectriage.support.CrashableServiceMain;
import dev.aisectriage.support.Eventually;
import dev.aisectriage.support.Webhooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A process killed with SIGKILL in the middle of a job: after restart the job completes, and only once. */
@Tag("slow")
@Timeout(120)
class ServiceRestartTest {

    static final String SECRET = "restart-secret";

    @TempDir
    Path dir;

    Process child;

    @AfterEach
    void killChild() {
        if (child != null && child.isAlive()) {
            child.destroyForcibly();
        }
    }

    @Test
    void jobInterruptedByKillNineCompletesExactlyOnceAfterRestart() throws Exception {
        // given a service whose handler blocks mid-job
        Path dbFile = dir.resolve("triage.db");
        Path block = Files.createFile(dir.resolve("block"));
        BlockingQueue<String> out = new LinkedBlockingQueue<>();
        child = startChild(dbFile, block, out);
        int port = Integer.parseInt(ChildOutput.awaitLine(out, "PORT ").substring(5));
        var answer = new Webhooks(port, SECRET)
                .send("issues", "d-crash", Webhooks.fixture("issues-opened-detailed-security-report.json"));
        assertThat(answer.statusCode()).isEqualTo(202);
        ChildOutput.awaitLine(out, "BLOCKED d-crash");

        // when the process is killed with SIGKILL while the job is running
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Database db = Database.open(dbFile);
        assertThat(jobState(db)).isEqualTo("running");
        assertThat(count(db, "test_effects")).isZero();

        // and started again (no longer blocking)
        Files.delete(block);
        BlockingQueue<String> out2 = new LinkedBlockingQueue<>();
        child = startChild(dbFile, block, out2);
        ChildOutput.awaitLine(out2, "PORT ");

        // then the abandoned job is resumed once its lease expires and completes exactly once
        Eventually.await(Duration.ofSeconds(30), () -> "done".equals(jobState(db)), "job done after restart");
        assertThat(count(db, "test_effects")).isEqualTo(1);
        assertThat(count(db, "test_attempts")).isEqualTo(2);
        assertThat(attempts(db)).isEqualTo(2);
        assertThat(JobState.valueOf(jobState(db).toUpperCase())).isEqualTo(JobState.DONE);
        assertThat(count(db, "deliveries")).isEqualTo(1);
    }

    private Process startChild(Path dbFile, Path block, BlockingQueue<String> out) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashableServiceMain.class.getName());
        pb.environment().put("DATABASE_PATH", dbFile.toString());
        pb.environment().put("PORT", "0");
        pb.environment().put("WEBHOOK_SECRET", SECRET);
        pb.environment().put("DRY_RUN", "true");
        pb.environment().put("JOB_LEASE_SECONDS", "2");
        pb.environment().put("BLOCK_FILE", block.toString());
        pb.environment().remove("APP_ID");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        ChildOutput.follow(p, out::add);
        return p;
    }

    private static String jobState(Database db) {
        return db.inTransaction(c -> {
            try (ResultSet rs =
                    c.createStatement().executeQuery("SELECT state FROM jobs WHERE delivery_id = 'd-crash'")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    private static int attempts(Database db) {
        return db.inTransaction(c -> {
            try (ResultSet rs =
                    c.createStatement().executeQuery("SELECT attempts FROM jobs WHERE delivery_id = 'd-crash'")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private static long count(Database db, String table) {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
