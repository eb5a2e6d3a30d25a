package dev.aisectriage.support;

import dev.aisectriage.config.AppConfig;
import dev.aisectriage.service.Service;

/**
 * {@code serve} in a child process as production wires it (store from {@code DATABASE_URL} or {@code
 * DATABASE_PATH}, job queue, workers, the real triage handlers and GitHub gateway), with the test classifier and
 * renderer instead of the model, so that several instances can share one store in a test.
 */
public final class TriageServiceMain {

    private TriageServiceMain() {}

    public static void main(String[] args) throws Exception {
        AppConfig config = AppConfig.fromEnvironment();
        Service service = TestService.serve(config, new FakeClassifier(), new PlainRenderer());
        System.out.println("PORT " + service.port());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        service.awaitClosed();
    }
}
