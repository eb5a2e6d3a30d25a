package dev.aisectriage.huggingface;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.support.Webhooks;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HubWebhookPayloadTest {

    @Test
    void theDocumentedFieldsAreRead() throws Exception {
        HubWebhookPayload p = HubWebhookPayload.bind(new ObjectMapper()
                .readTree(Webhooks.fixture("huggingface-discussion-create-pickle-code-execution.json")));

        assertThat(p.event()).isEqualTo(new HubWebhookPayload.Event("create", "discussion"));
        assertThat(p.repo().type()).isEqualTo("model");
        assertThat(p.repo().owner().id()).isEqualTo("61d2000c3c2083e1c08af22d");
        assertThat(p.privateRepository()).isFalse();
        assertThat(p.discussion().num()).isEqualTo(7);
        assertThat(p.discussion().isPullRequest()).isFalse();
        assertThat(p.discussion().author().id()).isEqualTo("63a1f0c2e4b0a1b2c3d4e5f6");
        assertThat(p.comment().content()).contains("pickle");
        assertThat(p.commentAuthorId()).isEqualTo("63a1f0c2e4b0a1b2c3d4e5f6");
        assertThat(p.webhook()).isEqualTo(new HubWebhookPayload.Webhook("6390e855e30d9209411de93b", 3));
        assertThat(p.discussionRef()).isEqualTo(new ThreadRef.HubDiscussion("model", "example-ml/tiny-classifier", 7));
    }

    @Test
    void aPrivateRepositoryAndAHiddenCommentWithoutContentAreRead() throws Exception {
        String hidden = new String(
                        Webhooks.fixture("huggingface-discussion.comment-update-hidden.json"), StandardCharsets.UTF_8)
                .replace("\"private\": false", "\"private\": true");

        HubWebhookPayload p = HubWebhookPayload.bind(new ObjectMapper().readTree(hidden));

        assertThat(p.privateRepository()).isTrue();
        assertThat(p.comment().hidden()).isTrue();
        assertThat(p.comment().content()).isNull();
    }
}
