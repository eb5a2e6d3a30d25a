package dev.aisectriage.store;

import dev.aisectriage.core.Daemons;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store forgets: finished jobs, their deliveries (with the raw payloads, which hold the posts' text) and the
 * log of actions go after {@code RETENTION_DAYS}; dedupe keys after their window; expired leases and pauses at
 * once. Dead letters stay until they are retried or dismissed, and so does the delivery of any unfinished job.
 */
public final class Retention implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    /** What retention asks of the job queue, which alone writes the jobs table. */
    public interface Jobs {

        /** Deletes the jobs done before {@code cutoff} (epoch ms); returns how many. */
        int deleteDoneBefore(long cutoff);

        /** Closes the installation's queued jobs without running them. */
        void closeQueued(long installationId);
    }

    private final Writes writes;
    private final Clock clock;
    private final Duration keep;
    private final Duration dedupeWindow;
    private final Jobs jobs;
    private ScheduledExecutorService schedule;

    public Retention(Writes writes, Clock clock, Duration keep, Duration dedupeWindow, Jobs jobs) {
        this.writes = writes;
        this.clock = clock;
        this.keep = keep;
        this.dedupeWindow = dedupeWindow;
        this.jobs = jobs;
    }

    /** Deletes what is older than the window; returns the number of rows deleted per table. */
    public Map<String, Integer> purge() {
        long now = clock.millis();
        long cutoff = now - keep.toMillis();
        Map<String, Integer> deleted = new LinkedHashMap<>();
        deleted.put("jobs", jobs.deleteDoneBefore(cutoff));
        return writes.inTransaction(c -> {
            deleted.put(
                    "deliveries",
                    delete(
                            c,
                            "DELETE FROM deliveries WHERE received_at < ? AND NOT EXISTS "
                                    + "(SELECT 1 FROM jobs j WHERE j.delivery_id = deliveries.delivery_id)",
                            cutoff));
            deleted.put(
                    "semantic_keys",
                    delete(c, "DELETE FROM semantic_keys WHERE queued_at < ?", now - dedupeWindow.toMillis()));
            deleted.put("actions", delete(c, "DELETE FROM actions WHERE created_at < ?", iso(cutoff)));
            deleted.put("thread_leases", delete(c, "DELETE FROM thread_leases WHERE lease_until < ?", now));
            deleted.put("installation_pauses", delete(c, "DELETE FROM installation_pauses WHERE not_before < ?", now));
            return deleted;
        });
    }

    /**
     * Uninstall: empties at once the raw payloads (which hold the posts' text) of the installation's deliveries and
     * deletes its log of actions; its queued jobs are closed without running (GitHub would refuse them anyway). The
     * rows themselves (event, repository, outcome) stay for the counts and age out with the rest. A job running right
     * now keeps its payload until it ends, and so does one queued after the queued jobs were closed (a delivery the
     * intake took while this runs): a job never reads an emptied payload.
     */
    public int forgetInstallation(long installationId) {
        jobs.closeQueued(installationId);
        return writes.inTransaction(c -> {
            int n = delete(
                    c,
                    "UPDATE deliveries SET payload = '{}' WHERE installation_id = ? AND payload <> '{}' AND NOT EXISTS "
                            + "(SELECT 1 FROM jobs j WHERE j.delivery_id = deliveries.delivery_id"
                            + " AND j.state IN ('running', 'queued'))",
                    installationId);
            delete(c, "DELETE FROM actions WHERE installation_id = ?", installationId);
            return n;
        });
    }

    /** Purges now and then every {@code period} on a daemon thread until {@link #close()}. */
    public void start(Duration period) {
        schedule = Daemons.every(
                "store-retention",
                period,
                () -> {
                    Map<String, Integer> deleted = purge();
                    if (deleted.values().stream().anyMatch(n -> n > 0)) {
                        LOG.info("retention ({} days): deleted {}", keep.toDays(), deleted);
                    }
                },
                e -> LOG.warn("retention purge failed: {}", e.toString()));
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    private static int delete(Connection c, String sql, Object value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, value);
            return s.executeUpdate();
        }
    }

    private static String iso(long millis) {
        return java.time.Instant.ofEpochMilli(millis).toString();
    }
}
