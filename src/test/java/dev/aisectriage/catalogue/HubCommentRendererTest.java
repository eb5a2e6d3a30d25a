package dev.aisectriage.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.classify.Prediction;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HubCommentRendererTest {

    private final HubCommentRenderer renderer = HubCommentRenderer.withDefaults();

    static Stream<Arguments> commonCases() {
        return Stream.of(
                Arguments.of(Posts.DESERIALIZATION_TEXT, Posts.deserialization()),
                Arguments.of(Posts.OUTDATED_DEPENDENCY_TEXT, Posts.outdatedDependency()),
                Arguments.of(Posts.PROMPT_INJECTION_TEXT, Posts.promptInjection()),
                Arguments.of(Posts.DATA_LEAK_TEXT, Posts.dataLeak()),
                Arguments.of(Posts.AMBIGUOUS_TEXT, Posts.ambiguous()));
    }

    @ParameterizedTest
    @MethodSource("commonCases")
    void theHubCommentHasTheSameVerdictAndMitigationsWithoutGitHubOnlySyntax(String text, Prediction prediction) {
        // given the GitHub comment of the same post
        String github = MarkdownCommentRenderer.withDefaults().triageComment(Posts.context(text, prediction));

        // when it is written for the Hub
        String hub = renderer.triageComment(Posts.context(text, prediction));

        // then it starts with the marker, keeps the verdict line and the mitigations, and has no GitHub-only syntax
        assertThat(hub).startsWith(CommentMarker.MARKER);
        String verdict =
                github.lines().filter(l -> l.startsWith("**")).findFirst().orElseThrow();
        assertThat(hub).contains(verdict).contains("1. **").contains("model `heads-test-1`");
        assertThat(hub)
                .doesNotContain("<details")
                .doesNotContain("</details>")
                .doesNotContain("<summary>")
                .doesNotContain("<sub>")
                .doesNotContain("[!WARNING]")
                .doesNotContain("/ai-security");
        assertThat(hub.replace(CommentMarker.MARKER, "")).doesNotContain("<").doesNotContain("\n\n\n");
    }

    @Test
    void aPickleReportNamesSafetensors() {
        String hub = renderer.triageComment(Posts.context(Posts.DESERIALIZATION_TEXT, Posts.deserialization()));

        assertThat(hub).contains("System & Software").containsIgnoringCase("safetensors");
    }

    @Test
    void anUndisclosedReportInAPublicRepositoryIsAnsweredWithPrivateReportingOnTheHub() {
        // when
        String hub = renderer.triageComment(Posts.context(Posts.UNDISCLOSED_REPORT_TEXT, Posts.pathTraversal()));

        // then nothing of the post is repeated and the way to report privately is the Hub's, not GitHub's
        assertThat(hub).startsWith(CommentMarker.MARKER).contains("security@huggingface.co");
        assertThat(hub)
                .doesNotContain("github.com")
                .doesNotContain("/security/advisories")
                .doesNotContain("SECURITY.md");
        for (String line : Posts.UNDISCLOSED_REPORT_TEXT.split("\n")) {
            if (line.length() > 30) {
                assertThat(hub).doesNotContain(line.trim());
            }
        }
    }

    @Test
    void theSameReportInAPrivateRepositoryGetsTheUsualComment() {
        String hub = renderer.triageComment(new CommentContext(
                "org/private-model", false, Posts.UNDISCLOSED_REPORT_TEXT, Posts.pathTraversal(), List.of()));

        assertThat(hub).doesNotContain("security@huggingface.co").contains("1. **");
    }
}
