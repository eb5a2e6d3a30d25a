package dev.aisectriage.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.store.Actions;
import dev.aisectriage.store.ConfigErrors;
import dev.aisectriage.store.Database;
import dev.aisectriage.store.Installations;
import dev.aisectriage.support.DashboardPages;
import dev.aisectriage.support.TestDatabase;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class DashboardTest {

    @TempDir
    Path dir;

    @Test
    void showsInstallationsActionsConfigErrorsAndDeadLettersEscaped() throws Exception {
        // given an installation, a dry-run action, a config error and a dead letter
        Database db = TestDatabase.open(dir.resolve("triage.db"));
        new Installations(db, db::writeTransaction).recordInstalled(2311213, "octo-org");
        new Actions(db, db::writeTransaction)
                .record(2311213L, "octo-org/ml-server", 12, "add labels", "[security]", true);
        new ConfigErrors(db, db::writeTransaction)
                .record(
                        "octo-org/ml-server",
                        "octo-org/ml-server:.github/ai-security-triage.yml",
                        List.of("line 2: unknown key '<script>'"));
        Dashboard dashboard = new Dashboard(
                db,
                () -> List.of(new Dashboard.DeadLetterRow(
                        "d-9", "issues.opened", "octo-org/ml-server", 5, "GitHub answered 500")),
                null);

        // when the page is requested from a real server
        try (DashboardPages pages = DashboardPages.serving(dashboard)) {
            HttpResponse<String> page = pages.response("/dashboard");
            HttpResponse<String> actions = pages.response("/dashboard/actions");

            // then it lists each, with HTML escaped
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type"))
                    .hasValueSatisfying(v -> assertThat(v).contains("text/html"));
            assertThat(actions.body()).contains("octo-org/ml-server#12").contains("dry-run (not sent)");
            assertThat(page.body())
                    .contains("octo-org")
                    .contains("unknown key '&lt;script&gt;'")
                    .doesNotContain("<script>")
                    .contains("d-9")
                    .contains("GitHub answered 500");
        }
    }

    @Test
    void withAPasswordThePageIsRefusedWithoutIt() throws Exception {
        // given a dashboard with a password
        Database db = TestDatabase.open(dir.resolve("triage.db"));
        new Installations(db, db::writeTransaction).recordInstalled(2311213, "private-org");
        Javalin web = Javalin.create(config -> config.routes.get("/dashboard", new Dashboard(db, List::of, "s3cret")))
                .start(0);
        try {
            URI page = URI.create("http://localhost:" + web.port() + "/dashboard");
            HttpClient client = HttpClient.newHttpClient();

            // when it is asked for without, with a wrong and with the right password
            HttpResponse<String> none =
                    client.send(HttpRequest.newBuilder(page).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> wrong = client.send(
                    HttpRequest.newBuilder(page)
                            .header("Authorization", basic("x:nope"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> right = client.send(
                    HttpRequest.newBuilder(page)
                            .header("Authorization", basic("x:s3cret"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            // then only the right one sees the page
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("www-authenticate")).isPresent();
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.body()).doesNotContain("private-org");
            assertThat(right.statusCode()).isEqualTo(200);
            assertThat(right.body()).contains("private-org");
        } finally {
            web.stop();
        }
    }

    private static String basic(String userAndPassword) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString(userAndPassword.getBytes());
    }
}
