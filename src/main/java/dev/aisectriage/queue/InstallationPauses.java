package dev.aisectriage.queue;

import dev.aisectriage.store.SerialWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

/**
 * GitHub's rate limits are per installation: a job that meets one holds back every job of its installation, in
 * every process, until the limit lifts ({@code installation_pauses}, read by each claim).
 */
final class InstallationPauses {

    private final SerialWriter writer;

    InstallationPauses(SerialWriter writer) {
        this.writer = writer;
    }

    /** See {@link JobQueue#postpone}. */
    boolean postpone(long jobId, String workerId, long installationId, Instant until, String error) {
        long at = until.toEpochMilli();
        return writer.inTransaction(c -> {
            int n = JobRows.finish(c, jobId, workerId, """
                    UPDATE jobs SET state = 'queued', next_attempt_at = ?, lease_until = NULL, last_error = ?,
                        attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END
                    WHERE id = ? AND claimed_by = ? AND state = 'running'""", at, error, jobId, workerId);
            JobRows.execute(c, """
                    UPDATE jobs SET next_attempt_at = ?
                    WHERE state = 'queued' AND next_attempt_at < ? AND installation_id = ?""", at, at, installationId);
            pause(c, installationId, at, error);
            return n == 1;
        });
    }

    /** See {@link JobQueue#pauseInstallation}. */
    void pause(long installationId, Instant notBefore, String reason) {
        writer.inTransaction(c -> pause(c, installationId, notBefore.toEpochMilli(), reason));
    }

    private static int pause(Connection c, long installationId, long notBefore, String reason) throws SQLException {
        return JobRows.execute(c, """
                INSERT INTO installation_pauses (installation_id, not_before, reason) VALUES (?, ?, ?)
                ON CONFLICT (installation_id) DO UPDATE SET not_before = excluded.not_before, reason = excluded.reason
                WHERE installation_pauses.not_before < excluded.not_before""", installationId, notBefore, reason);
    }
}
