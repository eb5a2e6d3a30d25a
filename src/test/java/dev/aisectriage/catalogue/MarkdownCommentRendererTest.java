package dev.aisectriage.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.classify.Prediction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MarkdownCommentRendererTest {

    /** What GitHub links and notifies: an {@code @} not preceded by a word character, then a login or org/team. */
    private static final Pattern MENTION = Pattern.compile("(?<![\\w`])@[A-Za-z0-9][A-Za-z0-9-]*(/[\\w-]+)?");

    private final MarkdownCommentRenderer renderer = MarkdownCommentRenderer.withDefaults();

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
    void commonCaseCommentIsShortAndComplete(String text, Prediction prediction) {
        // when
        String comment = renderer.triageComment(Posts.context(text, prediction));

        // then
        assertThat(comment.length()).isLessThan(MarkdownCommentRenderer.TARGET_LENGTH);
        assertThat(comment).startsWith(CommentMarker.MARKER);
        assertThat(comment)
                .contains(
                        "1. **",
                        "2. **",
                        "<details>",
                        "</details>",
                        "model `heads-test-1`",
                        "`/ai-security not-security`",
                        "`/ai-security theme <name>`",
                        "`/ai-security explain`",
                        "`/ai-security off`");
        assertThat(comment.lines().filter(l -> l.startsWith("**")).findFirst().orElseThrow())
                .contains(prediction.primaryTheme().title())
                .contains("confidence");
    }

    @Test
    void verdictNamesThemeIssueTypeAndConfidence() {
        // when
        String comment = renderer.triageComment(Posts.context(Posts.PROMPT_INJECTION_TEXT, Posts.promptInjection()));

        // then
        assertThat(comment)
                .contains("**Security issue: Model › Model input manipulations and evasions** "
                        + "(confidence: high, 91%)");
        assertThat(comment).contains("1. **Secure Prompt Techniques**");
    }

    @Test
    void lowConfidencePredictionIsWordedTentatively() {
        // when
        String comment = renderer.triageComment(Posts.context(Posts.AMBIGUOUS_TEXT, Posts.ambiguous()));

        // then
        assertThat(comment).contains("**Possibly security-related:", "(confidence: low, 58%)", "The model is unsure");
        assertThat(comment).doesNotContain("**Security issue:");
    }

    @Test
    void configErrorsAppearInTheFooter() {
        // given
        CommentContext context = new CommentContext(
                "acme/kit", false, Posts.DATA_LEAK_TEXT, Posts.dataLeak(), List.of("line 2: unknown key 'labelz'"));

        // when
        String comment = renderer.triageComment(context);

        // then
        assertThat(comment).contains("`.github/ai-security-triage.yml` has problems", "- line 2: unknown key 'labelz'");
        assertThat(comment.length()).isLessThan(MarkdownCommentRenderer.TARGET_LENGTH);
    }

    @Test
    void configErrorQuotingHtmlCannotOpenTags() {
        // given
        CommentContext context = new CommentContext(
                "acme/kit",
                false,
                Posts.DATA_LEAK_TEXT,
                Posts.dataLeak(),
                List.of("line 1: unknown key '<details><img src=x>'"));

        // when
        String comment = renderer.triageComment(context);

        // then
        assertThat(comment)
                .contains("unknown key '&lt;details&gt;&lt;img src=x&gt;'")
                .doesNotContain("<img");
    }

    @Test
    void mentionsQuotedFromTheConfigFileNotifyNobody() {
        // given config errors that quote a user mention, a team mention and an e-mail address
        CommentContext context = new CommentContext(
                "acme/kit",
                false,
                Posts.DATA_LEAK_TEXT,
                Posts.dataLeak(),
                List.of(
                        "octo/ml:.github/ai-security-triage.yml line 2: unknown key '@someuser'",
                        "line 3: unknown key '@acme-org/security-team'",
                        "line 4: unknown key 'ops@example.com'"));

        // when
        String triage = renderer.triageComment(context);
        String explain = renderer.explainComment(context);

        // then the keys are still shown, but GitHub finds no mention in them; the e-mail address is left as it is
        for (String comment : List.of(triage, explain)) {
            assertThat(comment).contains("someuser", "acme-org/security-team", "ops@example.com");
            assertThat(MENTION.matcher(comment).results().map(MatchResult::group))
                    .as("mentions GitHub would notify")
                    .isEmpty();
        }
    }

    @Test
    void mentionsInModelVersionAndNeighbourIdsNotifyNobody() {
        // given values from outside the catalogue that carry mentions
        Prediction base = Posts.deserialization();
        Prediction prediction = new Prediction(
                base.security(),
                base.securityProbability(),
                base.themes(),
                base.issueTypes(),
                List.of("@keyword-user"),
                "heads @model-owner",
                List.of(new Prediction.Neighbour("@neighbour-user/team", "https://example.org/n/1", 0.8, true)));

        // when
        String explain = renderer.explainComment(Posts.context(Posts.DESERIALIZATION_TEXT, prediction));

        // then
        assertThat(explain).contains("model-owner", "neighbour-user/team", "keyword-user");
        assertThat(MENTION.matcher(explain).results().map(MatchResult::group)).isEmpty();
    }

    @Test
    void undisclosedReportInPublicRepoGetsPrivateReportingGuidanceAndNoDetails() {
        // when
        String comment = renderer.triageComment(Posts.context(Posts.UNDISCLOSED_REPORT_TEXT, Posts.pathTraversal()));

        // then
        assertThat(comment).startsWith(CommentMarker.MARKER);
        assertThat(comment.length()).isLessThan(MarkdownCommentRenderer.TARGET_LENGTH);
        assertThat(comment)
                .contains(
                        "https://github.com/acme/diffusion-kit/security/policy",
                        "https://github.com/acme/diffusion-kit/security/advisories/new",
                        "`SECURITY.md`",
                        "draft security advisory",
                        "private vulnerability reporting");
        assertThat(comment).doesNotContain("Path traversal", "path traversal", "Input Validation", "matched");
        assertNothingFromThePost(Posts.UNDISCLOSED_REPORT_TEXT, comment);
    }

    @Test
    void explainOfAnUndisclosedReportWithholdsKeywordsIssueTypesAndNeighbours() {
        // when
        String comment = renderer.explainComment(Posts.context(Posts.UNDISCLOSED_REPORT_TEXT, Posts.pathTraversal()));

        // then
        assertThat(comment).contains("withheld").doesNotContain("gradio-app/gradio-5470", "../", "traversal");
        assertNothingFromThePost(Posts.UNDISCLOSED_REPORT_TEXT, comment);
    }

    @Test
    void sameReportInPrivateRepoGetsTheNormalComment() {
        // given
        CommentContext context = new CommentContext(
                "acme/internal", false, Posts.UNDISCLOSED_REPORT_TEXT, Posts.pathTraversal(), List.of());

        // when
        String comment = renderer.triageComment(context);

        // then
        assertThat(comment).contains("System/software path traversal", "Input Validation and Sanitization");
        assertThat(comment).doesNotContain("security/advisories/new");
    }

    @Test
    void noCommentRepeatsThePostsText() {
        // given
        List<Object[]> cases = List.of(
                new Object[] {Posts.DESERIALIZATION_TEXT, Posts.deserialization()},
                new Object[] {Posts.PROMPT_INJECTION_TEXT, Posts.promptInjection()},
                new Object[] {Posts.DATA_LEAK_TEXT, Posts.dataLeak()});

        for (Object[] c : cases) {
            CommentContext context = Posts.context((String) c[0], (Prediction) c[1]);
            // then
            assertNothingFromThePost((String) c[0], renderer.triageComment(context));
            assertNothingFromThePost((String) c[0], renderer.explainComment(context));
        }
    }

    @Test
    void explainGivesProbabilitiesKeywordsAndNeighboursByLink() {
        // when
        String comment = renderer.explainComment(Posts.context(Posts.DESERIALIZATION_TEXT, Posts.deserialization()));

        // then
        assertThat(comment).startsWith(CommentMarker.MARKER);
        assertThat(comment)
                .contains(
                        "**Security:** 97%",
                        "System & Software 91%",
                        "System/Software unsafe deserialization 82%",
                        "`torch.load`",
                        "[huggingface/transformers-27350](https://redirect.github.com/huggingface/transformers/issues/27350)",
                        "similarity 0.83",
                        "Secure Deserialization Practices: matched `torch.load`");
    }

    @Test
    void explainKeepsTheTriageContentBecauseItReplacesTheThreadsOneComment() {
        // given
        CommentContext context = Posts.context(Posts.DESERIALIZATION_TEXT, Posts.deserialization());
        String triage = renderer.triageComment(context);

        // when
        String explain = renderer.explainComment(context);

        // then: same verdict and mitigations, then the reasons, then the footer once
        String triageBody = triage.substring(0, triage.indexOf("---\n<sub>"));
        assertThat(explain).startsWith(triageBody);
        assertThat(explain).contains("Why the bot says so");
        assertThat(explain.split("/ai-security off", -1)).hasSize(2);
    }

    @Test
    void neighbourLinksDoNotCrossReferenceOtherProjectsIssues() {
        // when
        String comment = renderer.explainComment(Posts.context(Posts.DESERIALIZATION_TEXT, Posts.deserialization()));

        // then
        assertThat(comment).doesNotContain("(https://github.com/huggingface/transformers/issues/27350)");
        assertThat(MarkdownCommentRenderer.withoutBacklink("https://huggingface.co/x/discussions/3"))
                .isEqualTo("https://huggingface.co/x/discussions/3");
    }

    @Test
    void webUrlIsDerivedFromTheApiUrl() {
        assertThat(MarkdownCommentRenderer.webUrlFor("https://api.github.com")).isEqualTo("https://github.com");
        assertThat(MarkdownCommentRenderer.webUrlFor("https://ghe.example.com/api/v3/"))
                .isEqualTo("https://ghe.example.com");
    }

    /** No run of four words of the post, and none of its distinctive tokens, appears in the comment. */
    private static void assertNothingFromThePost(String post, String comment) {
        String normalisedComment = normalise(comment);
        List<String> words = Arrays.stream(normalise(post).split(" "))
                .filter(w -> !w.isBlank())
                .toList();
        List<String> leaked = new ArrayList<>();
        for (int i = 0; i + 4 <= words.size(); i++) {
            String shingle = String.join(" ", words.subList(i, i + 4));
            if (normalisedComment.contains(shingle)) {
                leaked.add(shingle);
            }
        }
        assertThat(leaked).as("phrases of the post repeated in the comment").isEmpty();
        for (String token : List.of(
                "/api/v1/upload",
                "/etc/passwd",
                "2.3.1",
                "victim:7860",
                "zx81-quokka-marmalade",
                "load_checkpoint",
                "wandb",
                "email tool")) {
            if (post.contains(token)) {
                assertThat(comment).doesNotContain(token);
            }
        }
    }

    private static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    }
}
