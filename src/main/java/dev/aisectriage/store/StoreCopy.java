package dev.aisectriage.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies every table of one store into another, for moving a SQLite deployment to PostgreSQL: rows, ids and
 * identity sequences, in one transaction on the target. Both stores are migrated to the same version first (by
 * {@link Database}); the target must hold no deliveries yet.
 */
public final class StoreCopy {

    /** In an order that satisfies the foreign keys (jobs after deliveries). */
    static final List<String> TABLES = List.of(
            "deliveries",
            "jobs",
            "semantic_keys",
            "thread_leases",
            "installation_pauses",
            "app_installations",
            "threads",
            "thread_comments",
            "thread_labels",
            "repo_labels",
            "feedback",
            "corrections",
            "actions",
            "config_errors",
            "hub_posts",
            "repository_channels",
            "private_reports",
            "thread_advisories",
            "permission_problems");

    /** Tables whose {@code id} is generated: the target's sequence continues after the copied ids. */
    private static final List<String> IDENTITIES = List.of("jobs", "feedback", "actions");

    private StoreCopy() {}

    /** @return the number of rows copied per table */
    public static Map<String, Long> copy(Database from, Database to) {
        return to.writeTransaction(target -> {
            try (ResultSet rs = target.createStatement().executeQuery("SELECT COUNT(*) FROM deliveries")) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException(
                            "the target store already holds " + rs.getLong(1) + " deliveries: copy into an empty one");
                }
            }
            Map<String, Long> copied = new LinkedHashMap<>();
            for (String table : TABLES) {
                copied.put(table, from.inTransaction(source -> copyTable(source, target, table, from.dialect())));
            }
            if (to.dialect() == Database.Dialect.POSTGRESQL) {
                for (String table : IDENTITIES) {
                    target.createStatement()
                            .execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), "
                                    + "COALESCE(MAX(id), 0) + 1, false) FROM " + table);
                }
            }
            return copied;
        });
    }

    private static long copyTable(Connection source, Connection target, String table, Database.Dialect dialect)
            throws SQLException {
        // SQLite's rowid is the arrival order of replies, which PostgreSQL keeps in an identity column.
        String order = dialect == Database.Dialect.SQLITE ? " ORDER BY rowid" : "";
        try (ResultSet rs = source.createStatement().executeQuery("SELECT * FROM " + table + order)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (!meta.getColumnName(i).equals("seq")) {
                    columns.add(meta.getColumnName(i));
                }
            }
            String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            long n = 0;
            try (PreparedStatement insert = target.prepareStatement(sql)) {
                while (rs.next()) {
                    for (int i = 0; i < columns.size(); i++) {
                        insert.setObject(i + 1, rs.getObject(columns.get(i)));
                    }
                    insert.addBatch();
                    if (++n % 500 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            return n;
        }
    }
}
