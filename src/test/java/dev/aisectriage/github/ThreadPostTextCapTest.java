package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.ThreadPost;
import dev.aisectriage.support.Fixtures;
import org.junit.jupiter.api.Test;

/** Issue 9, defect 1: a job reads no more of a post than the longest text GitHub can send. */
class ThreadPostTextCapTest {

    @Test
    void itReadsGitHubsMaximumOnlyWhenAJobReadsItGivenASignedPayloadWithAOneMebibyteBody() {
        ObjectNode payload = new ObjectMapper().createObjectNode();
        payload.putObject("installation").put("id", 9);
        payload.putObject("issue")
                .put("number", 12)
                .put("title", "t".repeat(300_000))
                .put("body", "b".repeat(1 << 20));
        Delivery event = Fixtures.delivery("d-1", "issues", "opened", 9L, "o/r", payload);

        ThreadPost post = GitHubPayloads.thread(event);

        assertThat(post.body()).hasSize(ThreadPost.MAX_TEXT_CHARS).isEqualTo("b".repeat(ThreadPost.MAX_TEXT_CHARS));
        assertThat(post.title()).hasSize(ThreadPost.MAX_TEXT_CHARS);
    }

    @Test
    void itIsWholeWhenAJobReadsItGivenABodyOfGitHubsMaximumLength() {
        ObjectNode payload = new ObjectMapper().createObjectNode();
        payload.putObject("installation").put("id", 9);
        payload.putObject("issue").put("number", 12).put("title", "t").put("body", "é".repeat(65_536));

        ThreadPost post = GitHubPayloads.thread(Fixtures.delivery("d-1", "issues", "opened", 9L, "o/r", payload));

        assertThat(post.body()).isEqualTo("é".repeat(65_536));
    }
}
