package dev.aisectriage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.event.EventHandler;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.event.TriageRoutes;
import dev.aisectriage.event.WebhookEvent;
import dev.aisectriage.github.GitHubApp;
import dev.aisectriage.github.PrivateKeys;
import dev.aisectriage.store.Database;
import dev.aisectriage.support.FakeClassifier;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import dev.aisectriage.support.PlainRenderer;
import dev.aisectriage.support.TestDatabase;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The acceptance run: the bot, wired from its settings as the service wires it, against a stand-in GitHub that
 * checks the App's JWT signature and accepts only the installation tokens it issued.
 */
@Timeout(60)
class EndToEndTest {

    @TempDir
    Path dir;

    @Test
    void aSecurityReportGetsExactlyItsLabelsAndOneCommentAndRedeliveryAfterRestartAddsNothing() throws Exception {
        // given the App's key as GitHub hands it out (PKCS#1), pasted on one line with literal \n
        String pem;
        try (InputStream in = EndToEndTest.class.getResourceAsStream("/keys/test-app-pkcs1.pem")) {
            pem = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\n", "\\n");
        }
        try (FakeGitHub github = new FakeGitHub("4242", PrivateKeys.publicKeyOf(PrivateKeys.parse(pem)))) {
            Path dbFile = dir.resolve("data/triage.db");
            WebhookEvent opened =
                    Fixtures.event("issues-opened-security-report.json", "72d3162e-cc78-11e3-81ab-4c9367dc0958");

            // when the report arrives
            run(start(dbFile, github, pem), opened);

            // then exactly the expected labels and one comment arrived, every call on a token GitHub issued
            assertThat(github.writes())
                    .extracting(FakeGitHub.Request::line)
                    .containsExactly(
                            "POST /repos/octo-org/ml-server/issues/12/labels",
                            "POST /repos/octo-org/ml-server/issues/12/comments");
            assertThat(github.writes().get(0).json().path("labels").toString())
                    .isEqualTo("[\"security\",\"ai-security: system-software\"]");
            assertThat(github.writes().get(1).json().path("body").asText()).contains(CommentMarker.MARKER);
            Set<String> auth = github.requests().stream()
                    .filter(r -> !r.path().endsWith("/access_tokens"))
                    .map(FakeGitHub.Request::authorization)
                    .collect(Collectors.toSet());
            assertThat(auth).containsExactly("Bearer ghs_2311213_1");
            int requests = github.requests().size();

            // when it is redelivered, and again after a restart on the same database
            run(start(dbFile, github, pem), opened);
            run(start(dbFile, github, pem), opened);

            // then nothing more was written, and one comment is all the thread has
            assertThat(github.writes()).hasSize(2);
            assertThat(github.commentsOf("octo-org/ml-server#12")).hasSize(1);
            assertThat(github.requests().size()).isGreaterThan(requests);
        }
    }

    private static EventRoutes start(Path dbFile, FakeGitHub github, String pem) {
        Database db = TestDatabase.open(dbFile);
        return new TriageRoutes(
                        db,
                        GitHubApp.gateway(github.url(), "4242", pem, null, false, db),
                        new FakeClassifier(),
                        new PlainRenderer())
                .routes();
    }

    private static void run(EventRoutes routes, WebhookEvent event) throws Exception {
        assertThat(routes.handles(event.event(), event.action())).isTrue();
        for (EventHandler h : routes.handlersFor(event.event(), event.action())) {
            h.handle(event);
        }
    }
}
