package dev.aisectriage.queue;

import dev.aisectriage.store.ThreadLeases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/** The SQL the queue's parts share: one statement with its arguments, a job's thread, ending a job's run. */
final class JobRows {

    private JobRows() {}

    static int execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        }
    }

    /**
     * Updates the job of a worker's run (the statement and its arguments) and, if it did, releases the job's thread
     * lease in the same transaction. Returns the number of jobs updated.
     */
    static int finish(Connection c, long jobId, String workerId, String sql, Object... args) throws SQLException {
        String threadKey = threadKey(c, jobId);
        int n = execute(c, sql, args);
        if (n == 1) {
            ThreadLeases.release(c, threadKey, workerId);
        }
        return n;
    }

    static String threadKey(Connection c, long jobId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT thread_key FROM jobs WHERE id = ?")) {
            s.setLong(1, jobId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static JobState state(String column) {
        return JobState.valueOf(column.toUpperCase(Locale.ROOT));
    }
}
