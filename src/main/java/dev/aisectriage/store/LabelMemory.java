package dev.aisectriage.store;

import dev.aisectriage.core.ThreadRef;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which labels of a thread the bot added and which people removed ({@code thread_labels}), so that the bot takes
 * back only its own and never adds again one a person removed.
 */
final class LabelMemory {

    static final String ADDED_BY_BOT = "added_by_bot";
    static final String REMOVED_BY_HUMAN = "removed_by_human";

    private final Database db;
    private final Writes writes;

    LabelMemory(Database db, Writes writes) {
        this.db = db;
        this.writes = writes;
    }

    /** Sets {@code column} ({@link #ADDED_BY_BOT} or {@link #REMOVED_BY_HUMAN}) for each label. */
    void flag(ThreadRef ref, Collection<String> labels, String column) {
        writes.inTransaction(c -> {
            ThreadRows.ensure(c, ref);
            for (String label : labels) {
                try (PreparedStatement s =
                        c.prepareStatement("INSERT INTO thread_labels(repository, kind, number, label, " + column
                                + ") VALUES (?, ?, ?, ?, 1) "
                                + "ON CONFLICT(repository, kind, number, label) DO UPDATE SET " + column + " = 1")) {
                    ThreadRows.key(s, ref, 1);
                    s.setString(4, label);
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    Set<String> flagged(ThreadRef ref, String column) {
        return db.inTransaction(c -> {
            Set<String> out = new LinkedHashSet<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT label FROM thread_labels WHERE " + ThreadRows.KEY + " AND " + column + " = 1")) {
                ThreadRows.key(s, ref, 1);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }
}
