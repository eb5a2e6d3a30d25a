package dev.aisectriage.support;

import dev.aisectriage.store.Database;
import dev.aisectriage.web.Dashboard;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The dashboard of a store as a person's browser gets it: served by a real Javalin on port 0, one page fetched. */
public final class DashboardPages {

    private DashboardPages() {}

    /** The HTML of {@code path} ({@code /dashboard}, {@code /dashboard/threads}, …). */
    public static String get(Database db, String path) {
        Dashboard dashboard = new Dashboard(db);
        Javalin web = Javalin.create(config -> {
                    config.routes.get("/dashboard", dashboard);
                    dashboard.addRoutes(config);
                })
                .start(0);
        try {
            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + web.port() + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + page.statusCode() + ": " + page.body());
            }
            return page.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            web.stop();
        }
    }
}
