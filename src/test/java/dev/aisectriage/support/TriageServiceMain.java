package dev.aisectriage.support;

import dev.aisectriage.cli.ServeCommand;
import dev.aisectriage.config.AppConfig;
import dev.aisectriage.service.Service;
import dev.aisectriage.store.Database;
import dev.aisectriage.web.TriageMetrics;

/**
 * {@code serve} in a child process as production wires it (store from {@code DATABASE_URL} or {@code
 * DATABASE_PATH}, job queue, workers, the real triage handlers and GitHub gateway), with the test classifier and
 * renderer instead of the model, so that several instances can share one store in a test.
 */
public final class TriageServiceMain {

    private TriageServiceMain() {}

    public static void main(String[] args) throws Exception {
        AppConfig config = AppConfig.fromEnvironment();
        Database db = Service.openDatabase(config);
        TriageMetrics metrics = new TriageMetrics();
        Service service = Service.start(
                config,
                db,
                metrics,
                ServeCommand.triageRoutes(config, db, metrics, new FakeClassifier(), new PlainRenderer()),
                () -> true);
        System.out.println("PORT " + service.port());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        service.awaitClosed();
    }
}
