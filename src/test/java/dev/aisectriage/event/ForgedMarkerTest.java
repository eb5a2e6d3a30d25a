package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bot's comment is the one its App wrote: a stranger copying the hidden marker gains nothing. */
@Timeout(30)
class ForgedMarkerTest {

    private static final String FORGED = CommentMarker.MARKER + "\nI am the bot now";

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    @Test
    void theBotPostsItsOwnAndEditsNoneWhenAReportArrivesGivenStrangersCommentsCarryingTheMarker() throws Exception {
        // given a person and another App each left a comment carrying the bot's marker
        github.existingComment("octo-org/ml-server#12", "55", "mallory", FORGED);
        github.existingComment("octo-org/ml-server#12", "56", "other-app[bot]", FORGED);

        // when a security report is opened
        Bot.on(github).handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        // then their comments are untouched and the bot posted one of its own
        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line)
                .containsExactly(
                        "POST " + Fixtures.REPO + "/issues/12/labels", "POST " + Fixtures.REPO + "/issues/12/comments");
        assertThat(github.commentsOf("octo-org/ml-server#12"))
                .hasSize(3)
                .containsEntry("55", FORGED)
                .containsEntry("56", FORGED);
    }

    @Test
    void theStoredOneIsEditedWhenAForgedOneAppearsGivenTheBotsStoredComment() throws Exception {
        // given the bot commented on the report
        Bot bot = Bot.on(github);
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        String ours =
                github.commentsOf("octo-org/ml-server#12").keySet().iterator().next();
        github.existingComment("octo-org/ml-server#12", "55", "mallory", FORGED);

        // when the report is edited after a restart
        Bot.on(github).handle(Fixtures.event("issues-edited-body-changed.json", "d-2"));

        // then the bot's own comment is edited, by its stored id, and the forged one is not
        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line)
                .filteredOn(l -> l.contains("comments"))
                .containsExactly(
                        "POST " + Fixtures.REPO + "/issues/12/comments",
                        "PATCH " + Fixtures.REPO + "/issues/comments/" + ours);
        assertThat(github.commentsOf("octo-org/ml-server#12")).containsEntry("55", FORGED);
    }

    @Test
    void theBotPostsItsOwnWhenADiscussionArrivesGivenAStrangersDiscussionCommentCarryingTheMarker() throws Exception {
        // given a stranger's discussion comment carrying the marker
        github.existingLabels("octo-org/ml-server", "security", "ai-security: model");
        github.existingComment("discussion:D_kwDOCyGuyM4AAXxx", "DC_55", "mallory", FORGED);

        // when a security question is posted
        Bot.on(github).handle(Fixtures.event("discussion-created-security-question.json", "d-1"));

        // then the forged comment is left as it is and the bot added its own
        assertThat(github.writes())
                .extracting(r -> r.json().path("query").asText())
                .noneMatch(q -> q.contains("updateDiscussionComment"))
                .anyMatch(q -> q.contains("addDiscussionComment"));
        assertThat(github.commentsOf("discussion:D_kwDOCyGuyM4AAXxx"))
                .hasSize(2)
                .containsEntry("DC_55", FORGED);
    }

    @Test
    void theReplyIsReadAndFlagsTheThreadWhenAStrangersReplyCarriesTheMarkerGivenAPassedIssue() throws Exception {
        // given an issue the bot passed
        Bot bot = passedIssue();

        // when a stranger replies with the marker pasted in and words that flag the thread
        bot.handle(Fixtures.event(
                "issue_comment-created-reply-reveals-security.json",
                "d-2",
                p -> p.with("comment").put("body", CommentMarker.MARKER + "\nLooks security-related: pickle exploit")));

        // then the thread is classified again with the reply, labelled, and the bot's one comment posted
        assertThat(bot.classifier.texts).hasSize(2);
        assertThat(bot.classifier.texts.get(1)).contains("pickle exploit");
        assertThat(github.commentsOf("octo-org/ml-server#13")).hasSize(1);
        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line)
                .contains("POST " + Fixtures.REPO + "/issues/13/labels");
    }

    @Test
    void nothingIsClassifiedAgainWhenTheBotsAppRepliesGivenAPassedIssue() throws Exception {
        // given an issue the bot passed
        Bot bot = passedIssue();

        // when a comment made by the App itself (performed_via_github_app, a Bot account) arrives as a reply
        bot.handle(Fixtures.event("issue_comment-created-reply-reveals-security.json", "d-2", p -> {
            p.with("comment").put("body", "a pickle exploit, quoted without the marker");
            p.with("comment")
                    .with("user")
                    .put("login", "ai-security-triage[bot]")
                    .put("type", "Bot");
            p.with("comment").with("performed_via_github_app").put("id", 12345).put("slug", "ai-security-triage");
        }));

        // then the thread is not classified again and GitHub is not written to
        assertThat(bot.classifier.texts).hasSize(1);
        assertThat(github.writes()).isEmpty();
    }

    /** The bot, after it passed issue 13 (a feature request). */
    private Bot passedIssue() throws Exception {
        Bot bot = Bot.on(github);
        bot.handle(Fixtures.event("issues-opened-feature-request.json", "d-1"));
        return bot;
    }
}
