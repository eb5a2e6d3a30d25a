package dev.aisectriage.event;

import dev.aisectriage.store.ConfigErrors;
import dev.aisectriage.store.Corrections;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Feedback;
import dev.aisectriage.store.HubPosts;
import dev.aisectriage.store.Installations;
import dev.aisectriage.store.Retention;
import dev.aisectriage.store.SecurityTables;
import dev.aisectriage.store.Threads;
import dev.aisectriage.store.Writes;

/**
 * The parts of the store the handlers read and write, all on one writer.
 *
 * @param retention asked to forget an installation's stored payloads when it is uninstalled
 * @param corrections maintainers' corrections, which threads of their repository follow
 * @param security what the bot keeps for security teams (channels, private reports, containment, permissions)
 */
public record Stores(
        Threads threads,
        Feedback feedback,
        Installations installations,
        ConfigErrors configErrors,
        HubPosts hubPosts,
        Retention retention,
        Corrections corrections,
        SecurityTables security) {

    public static Stores on(Database db, Writes writes, Retention retention) {
        return new Stores(
                new Threads(db, writes),
                new Feedback(db, writes),
                new Installations(db, writes),
                new ConfigErrors(db, writes),
                new HubPosts(db, writes),
                retention,
                new Corrections(db, writes),
                SecurityTables.on(db, writes));
    }
}
