package dev.aisectriage.support;

import dev.aisectriage.store.Database;
import java.nio.file.Path;

/** Opens the real SQLite store in a test folder, migrated as the service migrates it. */
public final class TestDatabase {

    private TestDatabase() {}

    public static Database open(Path file) {
        return Database.open(file);
    }
}
