package dev.aisectriage.support;

import dev.aisectriage.catalogue.CommentRenderer;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.service.Service;
import dev.aisectriage.service.Wiring;
import dev.aisectriage.store.Database;

/** A service started as {@code serve} starts it, on the store its configuration names. */
public final class TestService {

    private TestService() {}

    /** The bot itself, with the fake classifier and the plain renderer. */
    public static Service triage(AppConfig config) {
        return serve(config, new FakeClassifier(), new PlainRenderer());
    }

    /** The bot with this classifier and renderer. */
    public static Service serve(AppConfig config, Classifier classifier, CommentRenderer renderer) {
        return Service.start(
                config, store(config), wiring -> wiring.triage(classifier, Wiring.renderers(renderer)), () -> true);
    }

    /** A service whose jobs run these routes. */
    public static Service running(AppConfig config, EventRoutes routes) {
        return Service.start(config, store(config), wiring -> routes, () -> true);
    }

    /** The store the configuration names: PostgreSQL with {@code DATABASE_URL}, else the SQLite file. */
    public static Database store(AppConfig config) {
        return config.databaseUrl() != null
                ? Database.openPostgres(config.databaseUrl(), config.workers() + 8)
                : Database.open(config.databasePath());
    }
}
