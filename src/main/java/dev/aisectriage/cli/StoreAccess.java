package dev.aisectriage.cli;

import dev.aisectriage.config.AppConfig;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.StoreWriteCheck;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the store for a command, one way for all: PostgreSQL when {@code DATABASE_URL} is set (pooled: a connection
 * per worker and some for intake), else the SQLite file, turning a file that cannot be created or written into a
 * {@link UserError}.
 */
final class StoreAccess {

    private StoreAccess() {}

    static Database open(AppConfig config) {
        return config.databaseUrl() != null
                ? postgres(config.databaseUrl(), config.workers() + 8)
                : open(config.databasePath(), "DATABASE_PATH");
    }

    /**
     * The PostgreSQL store at {@code DATABASE_URL}, with a pool of {@code connections}; a server that cannot be
     * reached or refuses the login is a {@link UserError} naming the variable (the password left out).
     */
    static Database postgres(String url, int connections) {
        try {
            return Database.openPostgres(url, connections);
        } catch (RuntimeException e) {
            throw new UserError(
                    "DATABASE_URL " + Database.redacted(url) + ": cannot open the store (" + ErrorHandler.describe(e)
                            + "): check the host, port, database, user and password, and that PostgreSQL is running",
                    e);
        }
    }

    /** @param source how the person named the file ({@code DATABASE_PATH}, {@code --db}) */
    static Database open(Path file, String source) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && Files.exists(parent) && !Files.isDirectory(parent)) {
            throw new UserError(source + " " + file + ": " + parent + " is a file, not a folder: point " + source
                    + " to a file in a writable folder");
        }
        Database db;
        try {
            db = Database.open(file);
        } catch (RuntimeException e) {
            throw new UserError(
                    source + " " + file + ": cannot create or open the database (" + ErrorHandler.describe(e)
                            + "): point " + source + " to a file in a writable folder",
                    e);
        }
        StoreWriteCheck.Result check = new StoreWriteCheck(db).run();
        if (!check.ok()) {
            throw new UserError(source + " " + file + " cannot be written (" + check.reason() + "): make the file"
                    + " and its folder writable by this user, or point " + source + " elsewhere");
        }
        return db;
    }
}
