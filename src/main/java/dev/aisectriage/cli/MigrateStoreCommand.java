package dev.aisectriage.cli;

import dev.aisectriage.store.Database;
import dev.aisectriage.store.StoreCopy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Copies a SQLite store into an empty PostgreSQL one, for moving a deployment to several instances. */
@Command(
        name = "migrate-store",
        mixinStandardHelpOptions = true,
        description = "Copy a SQLite store (stopped service) into an empty PostgreSQL store, ids included.")
public final class MigrateStoreCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, description = "the SQLite file (the service using it must be stopped)")
    Path from;

    @Option(
            names = "--to",
            required = true,
            description = "the PostgreSQL store: postgres://user:pass@host:5432/db (or jdbc:postgresql://…)")
    String to;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(from)) {
            System.err.println("no SQLite store at " + from);
            return 1;
        }
        try (Database source = Database.open(from);
                Database target = Database.openPostgres(to, 2)) {
            Map<String, Long> copied = StoreCopy.copy(source, target);
            copied.forEach((table, rows) -> System.err.println(table + ": " + rows + " rows"));
            System.err.println("copied " + source.description() + " into " + target.description());
            return 0;
        } catch (IllegalStateException e) {
            System.err.println("migrate-store: " + e.getMessage());
            return 1;
        }
    }
}
