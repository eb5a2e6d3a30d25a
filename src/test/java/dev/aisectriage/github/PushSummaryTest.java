package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.support.Fixtures;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GitHub;

class PushSummaryTest {

    @Test
    void aPushDeliveryIsSummedUpWithEveryPathItsCommitsChanged() throws IOException {
        // given the README push, with a second commit that adds and removes files
        ObjectNode payload =
                (ObjectNode) Fixtures.payload("push-readme-changed.json").deepCopy();
        ObjectNode second = payload.withArray("commits").addObject();
        second.putArray("added").add("docs/SECURITY.md");
        second.putArray("removed").add("SECURITY.md");
        second.putArray("modified");

        // when hub4j binds it and it is summed up
        PushSummary push = PushSummary.of(
                GitHub.offline().parseEventPayload(new StringReader(payload.toString()), GHEventPayload.Push.class));

        // then the repository, its default branch, the ref and every changed path are there
        assertThat(push)
                .isEqualTo(new PushSummary(
                        "example-ml/model-zoo",
                        "main",
                        "refs/heads/main",
                        false,
                        false,
                        false,
                        2,
                        List.of("README.md", "docs/SECURITY.md", "SECURITY.md")));
    }
}
