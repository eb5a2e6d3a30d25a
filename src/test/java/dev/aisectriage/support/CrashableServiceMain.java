package dev.aisectriage.support;

import dev.aisectriage.config.AppConfig;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.service.Service;
import dev.aisectriage.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;

/**
 * The real service in a child process, with an {@code issues.opened} handler that records each start, blocks
 * forever while the file {@code BLOCK_FILE} exists (so the test can kill -9 it mid-job), and otherwise performs an
 * idempotent side effect: one row per delivery, like "one comment per thread".
 */
public final class CrashableServiceMain {

    private CrashableServiceMain() {}

    public static void main(String[] args) throws Exception {
        AppConfig config = AppConfig.fromEnvironment();
        Path block = Path.of(System.getenv("BLOCK_FILE"));
        Database db = Database.open(config.databasePath());
        db.inTransaction(c -> {
            c.createStatement()
                    .execute("CREATE TABLE IF NOT EXISTS test_attempts (delivery_id TEXT, pid INTEGER, at INTEGER)");
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS test_effects (delivery_id TEXT PRIMARY KEY)");
            return null;
        });
        EventRoutes routes = new EventRoutes().on("issues.opened", (e, lease) -> {
            db.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO test_attempts VALUES (?, ?, ?)")) {
                    s.setString(1, e.id());
                    s.setLong(2, ProcessHandle.current().pid());
                    s.setLong(3, System.currentTimeMillis());
                    return s.executeUpdate();
                }
            });
            if (Files.exists(block)) {
                System.out.println("BLOCKED " + e.id());
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            db.inTransaction(c -> {
                try (PreparedStatement s =
                        c.prepareStatement("INSERT OR IGNORE INTO test_effects (delivery_id) VALUES (?)")) {
                    s.setString(1, e.id());
                    return s.executeUpdate();
                }
            });
        });
        Service service = Service.start(config, db, wiring -> routes, () -> true);
        System.out.println("PORT " + service.port());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        service.awaitClosed();
    }
}
