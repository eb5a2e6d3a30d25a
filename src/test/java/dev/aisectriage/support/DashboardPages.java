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

/** A dashboard as a person's browser gets it: served by a real Javalin on port 0, its pages fetched. */
public final class DashboardPages implements AutoCloseable {

    private final Javalin web;

    private DashboardPages(Dashboard dashboard) {
        this.web = Javalin.create(config -> {
                    config.routes.get("/dashboard", dashboard);
                    dashboard.addRoutes(config);
                })
                .start(0);
    }

    /** Serves {@code dashboard} until {@link #close()}. */
    public static DashboardPages serving(Dashboard dashboard) {
        return new DashboardPages(dashboard);
    }

    /** The HTML of {@code path} ({@code /dashboard}, {@code /dashboard/threads}, …) of a store's dashboard. */
    public static String get(Database db, String path) {
        try (DashboardPages pages = serving(new Dashboard(db))) {
            HttpResponse<String> page = pages.response(path);
            if (page.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + page.statusCode() + ": " + page.body());
            }
            return page.body();
        }
    }

    /** The whole answer to {@code GET path}. */
    public HttpResponse<String> response(String path) {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://localhost:" + web.port() + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        web.stop();
    }
}
