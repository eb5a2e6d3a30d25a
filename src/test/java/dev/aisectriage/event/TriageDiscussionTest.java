package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class TriageDiscussionTest {

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    @BeforeEach
    void start() throws IOException {
        github.existingLabels("octo-org/ml-server", "security", "ai-security: model");
    }

    @Test
    void aSecurityDiscussionIsLabelledAndCommentedOnceThroughGraphQl() throws Exception {
        // given the bot, when a security question is posted as a discussion (and delivered again after a restart)
        Bot.on(github).handle(Fixtures.event("discussion-created-security-question.json", "d-1"));
        Bot.on(github).handle(Fixtures.event("discussion-created-security-question.json", "d-1"));

        // then two mutations were sent, once: labels by node id, and one comment on the discussion's node id
        List<FakeGitHub.Request> mutations = github.writes();
        assertThat(mutations).hasSize(2).allSatisfy(r -> assertThat(r.line()).isEqualTo("POST /graphql"));
        assertThat(mutations.get(0).json().path("query").asText()).contains("addLabelsToLabelable");
        assertThat(mutations.get(0).json().path("variables").path("id").asText())
                .isEqualTo("D_kwDOCyGuyM4AAXxx");
        assertThat(mutations.get(0).json().path("variables").path("labels").toString())
                .isEqualTo("[\"LA_security\",\"LA_ai-security: model\"]");
        assertThat(mutations.get(1).json().path("query").asText()).contains("addDiscussionComment");
        assertThat(mutations.get(1).json().path("variables").path("id").asText())
                .isEqualTo("D_kwDOCyGuyM4AAXxx");
        assertThat(mutations.get(1).json().path("variables").path("body").asText())
                .startsWith(CommentMarker.MARKER);
    }

    @Test
    void anEditedDiscussionUpdatesTheCommentThroughUpdateDiscussionComment() throws Exception {
        Bot bot = Bot.on(github);
        bot.handle(Fixtures.event("discussion-created-security-question.json", "d-1"));
        String commentId = github.commentsOf("discussion:D_kwDOCyGuyM4AAXxx")
                .keySet()
                .iterator()
                .next();

        bot.handle(Fixtures.event("discussion-created-security-question.json", "d-2", p -> {
            p.put("action", "edited");
            p.with("discussion").put("title", "Is the server's checkpoint loader safe?");
            p.with("discussion").put("body", "An exploit in the pickle loader of the server, not the model.");
            p.putObject("changes").putObject("title").put("from", "Is it safe to load community weights?");
        }));

        FakeGitHub.Request last = github.writes().get(github.writes().size() - 1);
        assertThat(last.json().path("query").asText()).contains("updateDiscussionComment");
        assertThat(last.json().path("variables").path("id").asText()).isEqualTo(commentId);
        assertThat(github.commentsOf("discussion:D_kwDOCyGuyM4AAXxx")).hasSize(1);
    }
}
