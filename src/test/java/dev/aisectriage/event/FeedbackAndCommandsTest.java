package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.store.Corrections;
import dev.aisectriage.store.Feedback;
import dev.aisectriage.store.Threads;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.FakeGitHub;
import dev.aisectriage.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class FeedbackAndCommandsTest {

    private static final ThreadRef ISSUE_12 = new ThreadRef.GitHubIssue(2311213, "octo-org/ml-server", 12, null);

    @RegisterExtension
    final FakeGitHub github = new FakeGitHub();

    private final Bot bot = Bot.on(github);

    @Test
    void theFlagLabelAMaintainerRemovedIsAFalsePositiveTheThreadFollowsWhenItIsEditedAndClassifiedAgain()
            throws Exception {
        // given the bot flagged issue 12, and a maintainer removed the flag label
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        bot.handle(Fixtures.event("issues-unlabeled-flag-removed-by-maintainer.json", "d-2"));
        int writes = github.writes().size();

        // when the issue is edited and classified again (and the model changes its theme)
        bot.handle(Fixtures.event("issues-edited-body-changed.json", "d-3"));

        // then no label is added: not the removed flag label, nor the model's new theme
        assertThat(github.writes().subList(writes, github.writes().size()))
                .filteredOn(r -> r.path().endsWith("/labels"))
                .isEmpty();
        assertThat(corrections().all()).singleElement().satisfies(c -> {
            assertThat(c.signal()).isEqualTo(Feedback.FALSE_POSITIVE);
            assertThat(c.security()).isFalse();
            assertThat(c.actor()).isEqualTo("maintainer-max");
        });
    }

    @Test
    void theFlagLabelAddedByAMaintainerToAThreadTheBotPassedIsAFalseNegative() throws Exception {
        // given the bot passed issue 13
        bot.handle(Fixtures.event("issues-opened-feature-request.json", "d-1"));

        // when a maintainer adds the flag label (twice delivered)
        bot.handle(Fixtures.event("issues-labeled-flag-added-by-maintainer.json", "d-2"));
        bot.handle(Fixtures.event("issues-labeled-flag-added-by-maintainer.json", "d-2"));

        // then one false negative is recorded, and the bot adds its theme label and its comment once each
        assertThat(new Feedback(bot.db, bot.db::writeTransaction).count()).isEqualTo(1);
        assertThat(corrections().all()).singleElement().satisfies(c -> {
            assertThat(c.signal()).isEqualTo(Feedback.FALSE_NEGATIVE);
            assertThat(c.security()).isTrue();
        });
        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line)
                .containsExactly(
                        "POST " + Fixtures.REPO + "/issues/13/labels", "POST " + Fixtures.REPO + "/issues/13/comments");
        assertThat(github.writes().get(0).body()).isEqualTo("{\"labels\":[\"ai-security: system-software\"]}");
    }

    @Test
    void aSlashCommandFromSomeoneWhoIsNoMemberIsIgnored() throws Exception {
        // given a flagged issue
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        // when the reporter (author_association NONE) comments "/ai-security off", then edits the issue
        bot.handle(Fixtures.event("issue_comment-created-slash-command-by-non-member.json", "d-2"));
        bot.handle(Fixtures.event("issues-edited-body-changed.json", "d-3"));

        // then the bot is still on: the edit updated its comment
        assertThat(new Threads(bot.db, bot.db::writeTransaction)
                        .find(ISSUE_12)
                        .orElseThrow()
                        .off())
                .isFalse();
        assertThat(github.writes()).extracting(FakeGitHub.Request::method).contains("PATCH");
    }

    @Test
    void notSecurityFromAMemberTakesTheBotsLabelsBackAndSwitchesTheBotOffOnTheThread() throws Exception {
        // given a flagged report the bot labelled
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        int writes = github.writes().size();

        // when a member says it is not security, the command is redelivered, and the reporter edits the post
        bot.handle(Fixtures.event("issue_comment-created-slash-command-by-member.json", "d-2"));
        bot.handle(Fixtures.event("issue_comment-created-slash-command-by-member.json", "d-2b"));
        bot.handle(Fixtures.event("issues-edited-body-changed.json", "d-3"));

        // then the correction is recorded, exactly the bot's two labels are removed once, its comment is corrected
        // once, and nothing else is sent
        assertThat(corrections().all())
                .singleElement()
                .satisfies(c -> assertThat(c.signal()).isEqualTo(Feedback.NOT_SECURITY));
        assertThat(github.writes().subList(writes, github.writes().size()))
                .extracting(FakeGitHub.Request::line)
                .containsExactlyInAnyOrder(
                        "DELETE " + Fixtures.REPO + "/issues/12/labels/security",
                        // hub4j leaves ':' as it is, which a path segment allows
                        "DELETE " + Fixtures.REPO + "/issues/12/labels/ai-security:%20system-software",
                        "PATCH " + Fixtures.REPO + "/issues/comments/" + commentId());
        assertThat(github.labelsOf("octo-org/ml-server#12")).isEmpty();
        assertThat(github.commentsOf("octo-org/ml-server#12"))
                .hasSize(1)
                .allSatisfy((id, body) -> assertThat(body).contains("Not security-related"));
    }

    @Test
    void themeFromAMemberReplacesTheBotsThemeLabelWithItsOwnAndRecordsTheTheme() throws Exception {
        // given issue 12 flagged with the System & Software theme
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        int writes = github.writes().size();

        // when a member says its theme is data
        bot.handle(Fixtures.event(
                "issue_comment-created-slash-command-by-member.json",
                "d-2",
                p -> p.with("comment").put("body", "/ai-security theme data")));

        // then the old theme label goes, the data label comes, the comment names the data theme
        assertThat(github.writes().subList(writes, github.writes().size()))
                .extracting(FakeGitHub.Request::line)
                .containsExactly(
                        "DELETE " + Fixtures.REPO + "/issues/12/labels/ai-security:%20system-software",
                        "POST " + Fixtures.REPO + "/issues/12/labels",
                        "PATCH " + Fixtures.REPO + "/issues/comments/" + commentId());
        assertThat(github.writes().get(writes + 1).body()).isEqualTo("{\"labels\":[\"ai-security: data\"]}");
        assertThat(github.labelsOf("octo-org/ml-server#12")).containsExactlyInAnyOrder("security", "ai-security: data");
        assertThat(github.commentsOf("octo-org/ml-server#12"))
                .hasSize(1)
                .allSatisfy((id, body) -> assertThat(body).contains("Looks security-related: Data"));
        assertThat(corrections().all())
                .singleElement()
                .satisfies(c -> assertThat(c.theme()).isEqualTo(Theme.DATA));
    }

    @Test
    void theBotRepliesWhatWasWrongAndRecordsNothingWhenAMemberAsksForItGivenAnUnknownTheme() throws Exception {
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        int writes = github.writes().size();

        bot.handle(Fixtures.event(
                "issue_comment-created-slash-command-by-member.json",
                "d-2",
                p -> p.with("comment").put("body", "/ai-security theme bogus")));

        assertThat(github.writes().subList(writes, github.writes().size()))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.line()).isEqualTo("POST " + Fixtures.REPO + "/issues/12/comments");
                    assertThat(r.json().path("body").asText())
                            .contains("`/ai-security theme bogus` was not applied")
                            .contains("no theme 'bogus'")
                            .contains("`system-software`", "`data`");
                });
        assertThat(new Feedback(bot.db, bot.db::writeTransaction).count()).isZero();
        assertThat(corrections().all()).isEmpty();
    }

    @Test
    void aCommandAddedByEditingACommentIsApplied() throws Exception {
        // given a flagged report the bot labelled
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        int writes = github.writes().size();

        // when a member edits a comment that had no command so that it says the report is not security
        bot.handle(Fixtures.event("issue_comment-created-slash-command-by-member.json", "d-2", p -> {
            p.put("action", "edited");
            p.putObject("changes").putObject("body").put("from", "Looking at this now.");
        }));

        // then the bot takes its labels back, corrects its comment and is off on the thread
        assertThat(github.writes().subList(writes, github.writes().size()))
                .extracting(FakeGitHub.Request::method)
                .containsExactly("DELETE", "DELETE", "PATCH");
        assertThat(new Threads(bot.db, bot.db::writeTransaction)
                        .find(ISSUE_12)
                        .orElseThrow()
                        .off())
                .isTrue();
        assertThat(corrections().all())
                .singleElement()
                .satisfies(c -> assertThat(c.signal()).isEqualTo(Feedback.NOT_SECURITY));
    }

    @Test
    void editingSomethingElseInACommentWhoseCommandWasAppliedDoesNotApplyItAgain() throws Exception {
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        String command = "/ai-security theme data";
        bot.handle(Fixtures.event(
                "issue_comment-created-slash-command-by-member.json",
                "d-2",
                p -> p.with("comment").put("body", command)));
        int writes = github.writes().size();
        long feedback = new Feedback(bot.db, bot.db::writeTransaction).count();

        // when the member fixes a typo in the same comment, the command unchanged
        bot.handle(Fixtures.event("issue_comment-created-slash-command-by-member.json", "d-3", p -> {
            p.put("action", "edited");
            p.with("comment").put("body", command + "\nThis is about the training set, sorry for the typo.");
            p.putObject("changes").putObject("body").put("from", command + "\nThis is about the trainign set.");
        }));

        // then nothing is sent and no second feedback is recorded
        assertThat(github.writes()).hasSize(writes);
        assertThat(new Feedback(bot.db, bot.db::writeTransaction).count()).isEqualTo(feedback);
    }

    @Test
    void explainTurnsTheOneCommentIntoTheExplanation() throws Exception {
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));

        bot.handle(Fixtures.event(
                "issue_comment-created-slash-command-by-member.json",
                "d-2",
                p -> p.with("comment").put("body", "/ai-security explain")));

        assertThat(github.commentsOf("octo-org/ml-server#12"))
                .hasSize(1)
                .allSatisfy((id, body) ->
                        assertThat(body).startsWith(CommentMarker.MARKER).contains("Why: keywords [pickle]"));
    }

    @Test
    void aReplyThatRevealsTheSecurityAngleFlagsTheThreadWithTheReplyClassifiedToo() throws Exception {
        // given issue 13, passed at first
        bot.handle(Fixtures.event("issues-opened-feature-request.json", "d-1"));

        // when a reply says the theme file is unpickled (delivered twice)
        bot.handle(Fixtures.event("issue_comment-created-reply-reveals-security.json", "d-2"));
        bot.handle(Fixtures.event("issue_comment-created-reply-reveals-security.json", "d-2"));

        // then the thread was classified with title, body and reply, labelled and commented once
        assertThat(bot.classifier.texts.get(1)).contains("dark theme").contains("loaded with pickle");
        assertThat(github.writes())
                .extracting(FakeGitHub.Request::line)
                .containsExactly(
                        "POST " + Fixtures.REPO + "/issues/13/labels", "POST " + Fixtures.REPO + "/issues/13/comments");
        assertThat(bot.classifier.texts).hasSize(2);
    }

    @Test
    void uninstallDeletesTheInstallationsTextsAndFeedback() throws Exception {
        bot.handle(Fixtures.event("issues-opened-security-report.json", "d-1"));
        bot.handle(Fixtures.event("issues-unlabeled-flag-removed-by-maintainer.json", "d-2"));

        bot.handle(Fixtures.event("installation-deleted-octo-org.json", "d-3"));

        assertThat(new Threads(bot.db, bot.db::writeTransaction).find(ISSUE_12)).isEmpty();
        assertThat(new Feedback(bot.db, bot.db::writeTransaction).count()).isZero();
        assertThat(corrections().all()).isEmpty();
    }

    private Corrections corrections() {
        return new Corrections(bot.db, bot.db::writeTransaction);
    }

    /** The id of the bot's one comment on issue 12. */
    private String commentId() {
        return new Threads(bot.db, bot.db::writeTransaction)
                .find(ISSUE_12)
                .orElseThrow()
                .commentId();
    }
}
