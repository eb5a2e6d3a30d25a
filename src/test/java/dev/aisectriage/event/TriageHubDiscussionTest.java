package dev.aisectriage.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.Verdict;
import dev.aisectriage.huggingface.HubApiException;
import dev.aisectriage.huggingface.HubWebhookPayload;
import dev.aisectriage.store.Threads;
import dev.aisectriage.support.Bot;
import dev.aisectriage.support.FakeClassifier;
import dev.aisectriage.support.FakeHub;
import dev.aisectriage.support.Fixtures;
import dev.aisectriage.support.Webhooks;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The Hub's discussion handler against a stand-in Hub, on a real SQLite file; building it again is a restart. */
@Timeout(30)
class TriageHubDiscussionTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String DISCUSSION = "models/example-ml/tiny-classifier#7";

    @TempDir
    Path dir;

    @RegisterExtension
    final FakeHub hub = new FakeHub();

    Bot bot;
    FakeClassifier classifier;

    @BeforeEach
    void start() {
        restart();
    }

    void restart() {
        bot = Bot.on(hub, dir);
        classifier = bot.classifier;
    }

    void handle(String event, String action, JsonNode payload) throws Exception {
        bot.handle(Fixtures.hubDelivery(event, action, payload));
    }

    static ObjectNode fixture(String name) throws Exception {
        return (ObjectNode) JSON.readTree(Webhooks.fixture(name));
    }

    @Test
    void aSecurityDiscussionGetsOneCommentAndTheSameEventAgainAddsNothing() throws Exception {
        // given a discussion about an unsafe pickle
        ObjectNode created = fixture("huggingface-discussion-create-pickle-code-execution.json");

        // when it is handled, then handled again after a restart
        handle("huggingface.discussion", "create", created);
        restart();
        handle("huggingface.discussion", "create", created);

        // then exactly one comment, carrying the marker, was posted, after looking for an earlier one
        assertThat(hub.writes())
                .extracting(FakeHub.Request::line)
                .containsExactly("POST /api/models/example-ml/tiny-classifier/discussions/7/comment");
        assertThat(hub.commentsOf(DISCUSSION))
                .singleElement()
                .satisfies(c -> assertThat(c.text()).startsWith(CommentMarker.MARKER));
        assertThat(classifier.texts.get(0)).contains("pickle").contains("safetensors");
        assertThat(new Threads(bot.db, bot.db::writeTransaction)
                        .find(new ThreadRef.HubDiscussion("model", "example-ml/tiny-classifier", 7)))
                .hasValueSatisfying(d -> {
                    assertThat(d.verdict()).isEqualTo(Verdict.FLAGGED);
                    assertThat(d.commentId())
                            .isEqualTo(hub.commentsOf(DISCUSSION).get(0).id());
                });
    }

    @Test
    void theBotsOwnCommentComingBackIsSkippedWithoutClassifying() throws Exception {
        handle(
                "huggingface.discussion.comment",
                "create",
                fixture("huggingface-discussion.comment-create-bot-own-comment.json"));

        assertThat(classifier.texts).isEmpty();
        assertThat(hub.writes()).isEmpty();
    }

    @Test
    void aForgedMarkerInSomeoneElsesCommentIsNeverAdopted() throws Exception {
        // given someone pasted the bot's marker into a comment of theirs
        hub.existingComment(
                DISCUSSION, "61d2000c3c2083e1c08af22d", "mallory", CommentMarker.MARKER + "\nall fine here");

        // when the discussion is triaged
        handle("huggingface.discussion", "create", fixture("huggingface-discussion-create-pickle-code-execution.json"));

        // then the bot posts its own comment and does not try to edit mallory's
        assertThat(hub.writes())
                .extracting(FakeHub.Request::line)
                .containsExactly("POST /api/models/example-ml/tiny-classifier/discussions/7/comment");
        assertThat(hub.commentsOf(DISCUSSION))
                .extracting(FakeHub.Comment::authorName)
                .containsExactly("mallory", FakeHub.BOT_NAME);
        assertThat(hub.commentsOf(DISCUSSION).get(0).text()).endsWith("all fine here");
    }

    @Test
    void theBotsEarlierCommentFoundByItsMarkerIsEditedInPlace() throws Exception {
        // given the bot commented before its store knew (a crash after posting), with an older text
        hub.existingComment(DISCUSSION, FakeHub.BOT_ID, FakeHub.BOT_NAME, CommentMarker.MARKER + "\nolder verdict");

        handle("huggingface.discussion", "create", fixture("huggingface-discussion-create-pickle-code-execution.json"));

        String id = hub.commentsOf(DISCUSSION).get(0).id();
        assertThat(hub.writes())
                .extracting(FakeHub.Request::line)
                .containsExactly("POST /api/models/example-ml/tiny-classifier/discussions/7/comment/" + id + "/edit");
        assertThat(hub.commentsOf(DISCUSSION))
                .singleElement()
                .satisfies(c -> assertThat(c.text()).contains("Looks security-related"));
    }

    @Test
    void anEditedOpeningPostEditsTheOneComment() throws Exception {
        ObjectNode created = fixture("huggingface-discussion-create-pickle-code-execution.json");
        handle("huggingface.discussion", "create", created);

        String before = hub.commentsOf(DISCUSSION).get(0).text();

        // when the author edits the opening post so the verdict changes (no more weights: another theme)
        ObjectNode edited = created.deepCopy();
        ((ObjectNode) edited.get("event")).put("scope", "discussion.comment").put("action", "update");
        ((ObjectNode) edited.get("comment")).put("content", "The pickle runs code when it is loaded.");
        handle("huggingface.discussion.comment", "update", edited);

        String id = hub.commentsOf(DISCUSSION).get(0).id();
        assertThat(hub.writes())
                .extracting(FakeHub.Request::line)
                .containsExactly(
                        "POST /api/models/example-ml/tiny-classifier/discussions/7/comment",
                        "POST /api/models/example-ml/tiny-classifier/discussions/7/comment/" + id + "/edit");
        assertThat(hub.commentsOf(DISCUSSION))
                .singleElement()
                .satisfies(c -> assertThat(c.text()).isNotEqualTo(before).startsWith(CommentMarker.MARKER));
        assertThat(classifier.texts.get(1)).doesNotContain("safetensors").contains("The pickle runs code");
    }

    @Test
    void aReplyThatRevealsASecurityProblemFlagsADiscussionThatWasNot() throws Exception {
        // given a plain discussion
        ObjectNode created = fixture("huggingface-discussion-create-pickle-code-execution.json");
        ((ObjectNode) created.get("discussion")).put("title", "How do I fine-tune this?");
        ((ObjectNode) created.get("comment")).put("content", "Which learning rate works best?");
        handle("huggingface.discussion", "create", created);
        assertThat(hub.writes()).isEmpty();

        // when someone replies about the pickle
        ObjectNode reply = fixture("huggingface-discussion.comment-create-follow-up.json");
        ((ObjectNode) reply.get("comment")).put("content", "Careful: the pickle in this repo runs code on load.");
        handle("huggingface.discussion.comment", "create", reply);

        // then the discussion, reply included, is flagged and gets its comment
        assertThat(classifier.texts.get(1)).contains("learning rate").contains("runs code on load");
        assertThat(hub.writes()).hasSize(1);
    }

    @Test
    void aCreateTheHubAppliedButAnsweredWithAnErrorIsNotPostedTwiceOnRetry() throws Exception {
        // given the Hub answers the first create with 502, though (as happens) it stored the comment
        ObjectNode created = fixture("huggingface-discussion-create-pickle-code-execution.json");
        hub.script(
                "POST /api/models/example-ml/tiny-classifier/discussions/7/comment",
                FakeHub.json(502, "{\"error\":\"Bad Gateway\"}"));
        assertThatThrownBy(() -> handle("huggingface.discussion", "create", created))
                .isInstanceOf(HubApiException.class);
        hub.existingComment(
                DISCUSSION,
                FakeHub.BOT_ID,
                FakeHub.BOT_NAME,
                hub.writes().get(0).json().path("comment").asText());

        // when the job is retried (after a restart, as a crash would have it)
        restart();
        handle("huggingface.discussion", "create", created);

        // then the comment found by its marker is kept: no second create, no edit of an identical text
        assertThat(hub.writes()).hasSize(1);
        assertThat(hub.commentsOf(DISCUSSION)).hasSize(1);
    }

    @Test
    void aVeryLongPostIsReadUpToTheSameLimitAsOnGitHub() throws Exception {
        ObjectNode created = fixture("huggingface-discussion-create-pickle-code-execution.json");
        ((ObjectNode) created.get("comment")).put("content", "pickle ".repeat(20_000));

        handle("huggingface.discussion", "create", created);

        assertThat(classifier.texts.get(0).length()).isLessThan(ThreadPost.MAX_TEXT_CHARS + 200);
    }

    @Test
    void closingADiscussionIsNotClassifiedAgainButRenamingItIs() throws Exception {
        ObjectNode created = fixture("huggingface-discussion-create-pickle-code-execution.json");
        handle("huggingface.discussion", "create", created);

        // the Hub sends a discussion update without comment when the status or the title changes
        ObjectNode closed = created.deepCopy();
        closed.remove("comment");
        ((ObjectNode) closed.get("event")).put("action", "update");
        ((ObjectNode) closed.get("discussion")).put("status", "closed");
        handle("huggingface.discussion", "update", closed);
        assertThat(classifier.texts).hasSize(1);

        ObjectNode renamed = closed.deepCopy();
        ((ObjectNode) renamed.get("discussion")).put("title", "Unsafe pickle in pytorch_model.bin");
        handle("huggingface.discussion", "update", renamed);
        assertThat(classifier.texts).hasSize(2);
        assertThat(classifier.texts.get(1))
                .startsWith("Unsafe pickle in pytorch_model.bin")
                .contains("safetensors");
    }

    @Test
    void aCommentDeletedByAMaintainerIsNotPostedAgain() throws Exception {
        ObjectNode created = fixture("huggingface-discussion-create-pickle-code-execution.json");
        handle("huggingface.discussion", "create", created);
        String id = hub.commentsOf(DISCUSSION).get(0).id();
        hub.script(
                "POST /api/models/example-ml/tiny-classifier/discussions/7/comment/" + id + "/edit",
                FakeHub.json(404, "{\"error\":\"Comment not found\"}"));

        ObjectNode edited = created.deepCopy();
        ((ObjectNode) edited.get("comment")).put("content", "The pickle runs code when it is loaded.");
        ((ObjectNode) edited.get("event")).put("action", "update");
        handle("huggingface.discussion", "update", edited);
        ((ObjectNode) edited.get("comment")).put("content", "Still: the pickle of the weights runs code.");
        handle("huggingface.discussion", "update", edited);

        assertThat(hub.writes()).hasSize(2); // the first comment, the edit that found it gone; nothing after
        assertThat(HubWebhookPayload.of(Fixtures.hubDelivery("huggingface.discussion", "update", edited))
                        .discussionRef()
                        .toString())
                .isEqualTo("example-ml/tiny-classifier#7");
    }
}
