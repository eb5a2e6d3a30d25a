package dev.aisectriage.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One migration file per version serves both databases, and the versions applied when each database had its own
 * file render to exactly the text applied then: Flyway finds the checksum it stored, so no existing store breaks.
 */
class DialectMigrationsTest {

    /** The checksums Flyway stored for V1 to V4 from the files of {@code db/migration/sqlite/} (until b13d607). */
    private static final Map<String, Integer> SQLITE = Map.of(
            "V1__intake.sql", 1327877443,
            "V2__github.sql", 263812098,
            "V3__huggingface.sql", -433200388,
            "V4__exclusivity_and_retention.sql", -1438787579);

    /** And from those of {@code db/migration/postgresql/}. */
    private static final Map<String, Integer> POSTGRESQL = Map.of(
            "V1__intake.sql", 1527722932,
            "V2__github.sql", -211840274,
            "V3__huggingface.sql", -1247588924,
            "V4__exclusivity_and_retention.sql", -194359605);

    @Test
    void theVersionsAppliedBeforeRenderToTheTextsEachDatabaseAppliedThen() throws IOException {
        for (String name : SQLITE.keySet()) {
            String template = template(name);
            assertThat(DialectMigrations.checksum(DialectMigrations.render(template, Database.Dialect.SQLITE)))
                    .as("%s on SQLite", name)
                    .isEqualTo(SQLITE.get(name));
            assertThat(DialectMigrations.checksum(DialectMigrations.render(template, Database.Dialect.POSTGRESQL)))
                    .as("%s on PostgreSQL", name)
                    .isEqualTo(POSTGRESQL.get(name));
        }
    }

    @Test
    void anAlternativeOnALineOfItsOwnThatRendersEmptyLeavesNoLine() {
        String template = "CREATE TABLE t (\n{{|    seq BIGINT,}}\n    id {{INTEGER|BIGINT}} NOT NULL\n);\n";

        assertThat(DialectMigrations.render(template, Database.Dialect.SQLITE))
                .isEqualTo("CREATE TABLE t (\n    id INTEGER NOT NULL\n);\n");
        assertThat(DialectMigrations.render(template, Database.Dialect.POSTGRESQL))
                .isEqualTo("CREATE TABLE t (\n    seq BIGINT,\n    id BIGINT NOT NULL\n);\n");
    }

    @Test
    void statementsEndAtSemicolonsOutsideCommentsAndQuotedTexts() {
        String script = "CREATE TABLE a (x TEXT); -- a comment; with a semicolon\n"
                + "UPDATE a SET x = 'one; two' WHERE x = 'it''s';\n-- the end\n";

        assertThat(DialectMigrations.statements(script))
                .containsExactly("CREATE TABLE a (x TEXT)", "UPDATE a SET x = 'one; two' WHERE x = 'it''s'");
    }

    private static String template(String name) throws IOException {
        try (InputStream in =
                DialectMigrationsTest.class.getClassLoader().getResourceAsStream("db/migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
