package dev.aisectriage.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.LoggerFactory;

/**
 * Applies the pending Flyway migrations. A SQLite file written before Flyway (tracked in {@code schema_version}) is
 * first baselined at the version it reached, so it keeps its data.
 */
final class Migrations {

    private Migrations() {}

    /** Flyway on the store's migrations, each rendered for {@code dialect}. */
    static FluentConfiguration configure(Database.Dialect dialect) {
        return Flyway.configure()
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .skipDefaultResolvers(true)
                .resolvers(new DialectMigrations(dialect))
                .loggers("slf4j");
    }

    static void apply(Database db, Flyway flyway) {
        Integer before = db.dialect() == Database.Dialect.SQLITE ? versionBeforeFlyway(db) : null;
        if (before != null) {
            // Written by the service before it used Flyway: its schema is migrations 1..before, data kept.
            Flyway.configure()
                    .configuration(flyway.getConfiguration())
                    .baselineVersion(MigrationVersion.fromVersion(String.valueOf(before)))
                    .baselineDescription("schema_version " + before + " (before Flyway)")
                    .load()
                    .baseline();
            LoggerFactory.getLogger(Database.class)
                    .info("{}: schema version {} from before Flyway baselined", db.description(), before);
        }
        flyway.migrate();
    }

    /** The version a pre-Flyway SQLite file reached, or null if Flyway already manages it (or it is new). */
    private static Integer versionBeforeFlyway(Database db) {
        return db.inTransaction(c -> {
            if (!tableExists(c, "schema_version") || tableExists(c, "flyway_schema_history")) {
                return null;
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT MAX(version) FROM schema_version")) {
                int v = rs.next() ? rs.getInt(1) : 0;
                return v > 0 ? v : null;
            }
        });
    }

    private static boolean tableExists(Connection c, String table) throws SQLException {
        try (var s = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
