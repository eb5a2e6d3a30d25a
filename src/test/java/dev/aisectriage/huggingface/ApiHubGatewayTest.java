package dev.aisectriage.huggingface;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.aisectriage.core.Comment;
import dev.aisectriage.core.DryRunThreads;
import dev.aisectriage.core.ThreadPort;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.store.Actions;
import dev.aisectriage.store.Database;
import dev.aisectriage.support.FakeHub;
import dev.aisectriage.support.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class ApiHubGatewayTest {

    static final ThreadRef.HubDiscussion DISCUSSION =
            new ThreadRef.HubDiscussion("model", "example-ml/tiny-classifier", 7);
    static final String COMMENT = "POST /api/models/example-ml/tiny-classifier/discussions/7/comment";
    static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");

    @TempDir
    Path dir;

    @RegisterExtension
    final FakeHub hub = new FakeHub();

    Database db;

    @BeforeEach
    void open() {
        db = TestDatabase.open(dir.resolve("triage.db"));
    }

    private ApiHubGateway gateway(String root, String token) {
        return new ApiHubGateway(root, token, new Actions(db, db::writeTransaction)::record, Clock.systemUTC());
    }

    @Test
    void theBotAccountIsAskedForOnceAndCached() {
        ApiHubGateway gateway = gateway(hub.url(), FakeHub.TOKEN);

        assertThat(gateway.bot()).contains(new HubUser(FakeHub.BOT_ID, FakeHub.BOT_NAME));
        assertThat(gateway.bot()).contains(new HubUser(FakeHub.BOT_ID, FakeHub.BOT_NAME));

        assertThat(hub.requests()).extracting(FakeHub.Request::line).containsExactly("GET /api/whoami-v2");
        assertThat(hub.requests().get(0).authorization()).isEqualTo("Bearer " + FakeHub.TOKEN);
    }

    @Test
    void aCommentIsCreatedAndEditedAtTheDocumentedPathsWithTheToken() {
        ApiHubGateway gateway = gateway(hub.url() + "/", FakeHub.TOKEN);

        String id = gateway.createComment(DISCUSSION, "first text");
        gateway.editComment(DISCUSSION, id, "second text");

        assertThat(hub.writes())
                .extracting(FakeHub.Request::line)
                .containsExactly(
                        "POST /api/models/example-ml/tiny-classifier/discussions/7/comment",
                        "POST /api/models/example-ml/tiny-classifier/discussions/7/comment/" + id + "/edit");
        assertThat(hub.writes().get(0).json().path("comment").asText()).isEqualTo("first text");
        assertThat(hub.writes().get(1).json().path("content").asText()).isEqualTo("second text");
        assertThat(hub.writes()).allMatch(r -> ("Bearer " + FakeHub.TOKEN).equals(r.authorization()));
        assertThat(hub.commentsOf("models/example-ml/tiny-classifier#7"))
                .extracting(FakeHub.Comment::text)
                .containsExactly("second text");
        assertThat(new Actions(db, db::writeTransaction).recent(10))
                .extracting(Actions.Action::action)
                .containsExactly("edit comment", "create comment");
    }

    @Test
    void commentsAreReadWithTheirAuthorsFromTheDiscussionsEvents() {
        hub.existingComment("datasets/example-ml/faces#3", "61d2000c3c2083e1c08af22d", "alice", "hello");
        hub.existingComment("datasets/example-ml/faces#3", FakeHub.BOT_ID, FakeHub.BOT_NAME, "the bot's");
        ApiHubGateway gateway = gateway(hub.url(), FakeHub.TOKEN);

        var comments = gateway.comments(new ThreadRef.HubDiscussion("dataset", "example-ml/faces", 3));

        assertThat(hub.requests())
                .extracting(FakeHub.Request::line)
                .containsExactly("GET /api/whoami-v2", "GET /api/datasets/example-ml/faces/discussions/3");
        assertThat(comments)
                .extracting(Comment::body, Comment::byBot)
                .containsExactly(tuple("hello", false), tuple("the bot's", true));
    }

    @Test
    void dryRunRecordsTheIntendedCommentAndSendsNothing() {
        ApiHubGateway gateway = gateway(hub.url(), null);
        ThreadPort dryRun = DryRunThreads.over(gateway, new Actions(db, db::writeTransaction)::record);

        String id = dryRun.createComment(DISCUSSION, "would be posted");
        dryRun.editComment(DISCUSSION, id, "would be edited");

        assertThat(gateway.bot()).isEmpty();
        assertThat(dryRun.comments(DISCUSSION)).isEmpty();
        assertThat(hub.requests()).isEmpty();
        assertThat(new Actions(db, db::writeTransaction).recent(10)).allSatisfy(a -> {
            assertThat(a.dryRun()).isTrue();
            assertThat(a.repository()).isEqualTo("example-ml/tiny-classifier");
            assertThat(a.number()).isEqualTo(7);
        });
    }

    @Test
    void anEditOfACommentThatIsGoneFailsAsGone() {
        ApiHubGateway gateway = gateway(hub.url(), FakeHub.TOKEN);

        assertThatThrownBy(() -> gateway.editComment(DISCUSSION, "65700000000000000000dead", "text"))
                .isInstanceOfSatisfying(
                        HubApiException.class, e -> assertThat(e.isGone()).isTrue());
    }

    @Test
    void theFailureIsARefusalNamingTheTokenWhenACommentIsPostedGivenTheHubRefusesTheToken() {
        hub.script(COMMENT, FakeHub.json(401, "{\"error\":\"Invalid credentials in Authorization header\"}"))
                .script(COMMENT, FakeHub.json(403, "{\"error\":\"You don't have the rights\"}"));
        ApiHubGateway gateway = gateway(hub.url(), FakeHub.TOKEN);

        assertThatThrownBy(() -> gateway.createComment(DISCUSSION, "text"))
                .isInstanceOfSatisfying(
                        HubApiException.class, e -> assertThat(e.isRefused()).isTrue())
                .hasMessageContaining("HF_TOKEN")
                .hasMessageContaining("401");
        assertThatThrownBy(() -> gateway.createComment(DISCUSSION, "text"))
                .isInstanceOfSatisfying(
                        HubApiException.class, e -> assertThat(e.isRefused()).isTrue())
                .hasMessageContaining("HF_TOKEN")
                .hasMessageContaining("403");
    }

    @Test
    void theLimitLiftsThatLongAfterNowOnTheLocalClockGivenA429WithRetryAfterInSeconds() {
        hub.script(COMMENT, FakeHub.rateLimited().addHeader("Retry-After", "90").build());

        assertThat(limitMet().retryAt()).isEqualTo(NOW.plusSeconds(90));
    }

    @Test
    void theWaitIsCountedFromTheHubsDateNotFromOurClockGivenA429WithRetryAfterAsAnHttpDate() {
        // the Hub's clock is three hours behind ours; it asks to wait until two minutes after its now
        Instant hubNow = NOW.minus(Duration.ofHours(3));
        hub.script(COMMENT, FakeHub.rateLimitedUntil(hubNow, Duration.ofSeconds(120)));

        assertThat(limitMet().retryAt()).isEqualTo(NOW.plusSeconds(120));
    }

    @Test
    void theLimitLiftsAfterAMinuteGivenA429WithoutRetryAfter() {
        hub.script(COMMENT, FakeHub.rateLimited().build());

        HubRateLimitedException limit = limitMet();

        assertThat(limit.retryAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(limit.status()).isEqualTo(429);
        assertThat(limit.pausedInstallation())
                .as("a Hub limit holds back no GitHub installation")
                .isNull();
    }

    private HubRateLimitedException limitMet() {
        ApiHubGateway gateway = new ApiHubGateway(
                hub.url(),
                FakeHub.TOKEN,
                new Actions(db, db::writeTransaction)::record,
                Clock.fixed(NOW, ZoneOffset.UTC));
        Throwable thrown = catchThrowable(() -> gateway.createComment(DISCUSSION, "text"));
        assertThat(thrown).isInstanceOf(HubRateLimitedException.class);
        assertThat(hub.requests()).extracting(FakeHub.Request::line).containsExactly(COMMENT);
        return (HubRateLimitedException) thrown;
    }

    @Test
    void withoutATokenNothingIsRead() {
        ApiHubGateway gateway = gateway(hub.url(), null);

        assertThat(gateway.bot()).isEmpty();
        assertThat(gateway.comments(DISCUSSION)).isEmpty();
        assertThat(hub.requests()).isEmpty();
    }

    @Test
    void repositoryNamesThatCouldLeaveTheApiPathAreRefused() {
        assertThatThrownBy(() -> HubRepo.of("model", "../../evil.example"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HubRepo.of("model", "a/b/c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HubRepo.of("model", "a/b?x=1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HubRepo.of("kernel", "a/b")).isInstanceOf(HubRepo.UnknownRepoTypeException.class);
        assertThat(HubRepo.of("space", "org/demo").apiPath()).isEqualTo("/api/spaces/org/demo");
        assertThat(HubRepo.of("space", "org/demo").path()).isEqualTo("spaces/org/demo");
    }

    @Test
    void anUnknownNarrowerScopeIsAnUpdateOfItsBroaderOne() {
        assertThat(HubEvents.normalise("discussion.comment.reaction", "create"))
                .isEqualTo(new HubEvents.Normalised("huggingface.discussion.comment", "update"));
        assertThat(HubEvents.normalise("discussion.pin", "create"))
                .isEqualTo(new HubEvents.Normalised("huggingface.discussion", "update"));
        assertThat(HubEvents.normalise("repo.config.dois", "update"))
                .isEqualTo(new HubEvents.Normalised("huggingface.repo.config", "update"));
        assertThat(HubEvents.normalise("discussion", "create"))
                .isEqualTo(new HubEvents.Normalised("huggingface.discussion", "create"));
        assertThat(HubEvents.normalise("collection", "create"))
                .isEqualTo(new HubEvents.Normalised("huggingface.collection", "create"));
    }
}
