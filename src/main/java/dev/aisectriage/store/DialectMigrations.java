package dev.aisectriage.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.flywaydb.core.api.CoreMigrationType;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.executor.MigrationExecutor;
import org.flywaydb.core.api.resolver.MigrationResolver;
import org.flywaydb.core.api.resolver.ResolvedMigration;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.extensibility.MigrationType;
import org.flywaydb.core.internal.jdbc.Results;

/**
 * The store's migrations, one file per version for both databases ({@code db/migration/V<n>__<what>.sql}): what
 * really differs per database is written in place as {@code {{sqlite|postgresql}}} (an alternative on a line of its
 * own that renders empty leaves no line), and everything else once. Each database runs its own rendering, and
 * Flyway checksums that text, so the versions that were applied when each database had a file of its own keep the
 * checksums they were applied with ({@code DialectMigrationsTest} holds them): no existing store is broken.
 */
final class DialectMigrations implements MigrationResolver {

    private static final Pattern ALTERNATIVE = Pattern.compile("\\{\\{(.*?)\\|(.*?)}}", Pattern.DOTALL);

    private final Database.Dialect dialect;

    DialectMigrations(Database.Dialect dialect) {
        this.dialect = dialect;
    }

    @Override
    public Collection<ResolvedMigration> resolveMigrations(MigrationResolver.Context context) {
        List<ResolvedMigration> out = new ArrayList<>();
        for (LoadableResource resource : context.resourceProvider.getResources("V", new String[] {".sql"})) {
            if (resource.getRelativePath().contains("/")) {
                continue; // the folders of one file per database, until migration 4, are no more
            }
            String name = resource.getFilename();
            int separator = name.indexOf("__");
            String text = render(read(resource), dialect);
            out.add(new Sql(
                    MigrationVersion.fromVersion(name.substring(1, separator)),
                    name.substring(separator + 2, name.length() - ".sql".length())
                            .replace('_', ' '),
                    name,
                    resource.getAbsolutePath(),
                    checksum(text),
                    statements(text)));
        }
        return out;
    }

    /** The template as {@code dialect} runs it. */
    static String render(String template, Database.Dialect dialect) {
        Matcher m = ALTERNATIVE.matcher(template);
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (m.find()) {
            String chosen = m.group(dialect == Database.Dialect.SQLITE ? 1 : 2);
            boolean wholeLine = (m.start() == 0 || template.charAt(m.start() - 1) == '\n')
                    && m.end() < template.length()
                    && template.charAt(m.end()) == '\n';
            out.append(template, from, m.start()).append(chosen);
            from = chosen.isEmpty() && wholeLine ? m.end() + 1 : m.end();
        }
        return out.append(template.substring(from)).toString();
    }

    /** Flyway's checksum of a script: CRC-32 of its lines without their breaks (and without a byte-order mark). */
    static int checksum(String text) {
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
            String line = lines.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = lines.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }

    /** The statements of a script: split at each {@code ;} outside a quoted text, {@code --} comments left out. */
    static List<String> statements(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder statement = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!quoted && c == '-' && text.startsWith("--", i)) {
                while (i < text.length() && text.charAt(i) != '\n') {
                    i++;
                }
                statement.append('\n');
            } else if (!quoted && c == ';') {
                if (!statement.toString().isBlank()) {
                    out.add(statement.toString().strip());
                }
                statement.setLength(0);
            } else {
                quoted ^= c == '\'';
                statement.append(c);
            }
        }
        if (!statement.toString().isBlank()) {
            out.add(statement.toString().strip());
        }
        return out;
    }

    private static String read(LoadableResource resource) {
        try (Reader in = resource.read()) {
            StringWriter text = new StringWriter();
            in.transferTo(text);
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read migration " + resource.getFilename(), e);
        }
    }

    /** One version, rendered for one database, as Flyway resolves and runs an SQL migration. */
    private record Sql(
            MigrationVersion version,
            String description,
            String script,
            String location,
            Integer checksum,
            List<String> statements)
            implements ResolvedMigration, MigrationExecutor {

        @Override
        public MigrationVersion getVersion() {
            return version;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public String getScript() {
            return script;
        }

        @Override
        public Integer getChecksum() {
            return checksum;
        }

        @Override
        public MigrationType getType() {
            return CoreMigrationType.SQL;
        }

        @Override
        public String getPhysicalLocation() {
            return location;
        }

        @Override
        public MigrationExecutor getExecutor() {
            return this;
        }

        @Override
        public boolean checksumMatches(Integer other) {
            return Objects.equals(checksum, other);
        }

        @Override
        public boolean checksumMatchesWithoutBeingIdentical(Integer other) {
            return false;
        }

        @Override
        public List<Results> execute(org.flywaydb.core.api.executor.Context context) throws SQLException {
            try (Statement s = context.getConnection().createStatement()) {
                for (String sql : statements) {
                    s.execute(sql);
                }
            }
            return List.of();
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }

        @Override
        public boolean shouldExecute() {
            return true;
        }
    }
}
