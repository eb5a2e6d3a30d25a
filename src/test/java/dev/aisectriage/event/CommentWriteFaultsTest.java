package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.github.RetryPolicy;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GitHub applied the comment but its answer failed: the bot adopts that comment instead of posting a second. */
@Timeout(30)
class CommentWriteFaultsTest {

    private static final String COMMENTS = "/repos/octo-org/ml-server/issues/12/comments";

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    private Bot bot(Duration requestTimeout) {
        return Bot.on(github, github.storeFolder(), new RetryPolicy(3, Duration.ofMillis(10), requestTimeout));
    }

    @Test
    void theThreadHasOneCommentWhenTheJobRunsGivenA502AfterTheCommentWasCreated() throws Exception {
        // given GitHub creates the comment but answers 502
        github.failAfterApplying("POST " + COMMENTS, FakeGitHub.json(502, "{\"message\":\"Bad Gateway\"}"));

        // when a security report is triaged, and the job run once more (a redelivery)
        Bot bot = bot(Duration.ofSeconds(5));
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        // then the create was sent once, the comment found afterwards and adopted: one comment
        assertThat(github.requestLines())
                .filteredOn(("POST " + COMMENTS)::equals)
                .hasSize(1);
        assertThat(github.commentsOf("octo-org/ml-server#12")).hasSize(1);
    }

    @Test
    void theThreadHasOneCommentWhenTheJobRunsGivenACreateSlowerThanTheClientTimeOutThatGitHubCompleted()
            throws Exception {
        // given GitHub creates the comment but answers after the client gave up
        github.failAfterApplying(
                "POST " + COMMENTS,
                new MockResponse.Builder()
                        .code(201)
                        .body("{\"id\":1}")
                        .headersDelay(2, TimeUnit.SECONDS)
                        .build());

        // when a security report is triaged with a client time-out of 300 ms
        bot(Duration.ofMillis(300)).handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        // then one comment
        assertThat(github.requestLines())
                .filteredOn(("POST " + COMMENTS)::equals)
                .hasSize(1);
        assertThat(github.commentsOf("octo-org/ml-server#12")).hasSize(1);
    }
}
