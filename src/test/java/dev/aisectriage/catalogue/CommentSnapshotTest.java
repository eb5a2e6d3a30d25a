package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Prediction;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rendered comments against {@code src/test/resources/snapshots/}: any unintended change fails. Update after an
 * intended change with {@code -Dsnapshots.update=true} (see {@link Snapshots}).
 */
class CommentSnapshotTest {

    private static final String ISSUE_12 = "https://github.com/acme/diffusion-kit/issues/12";

    private final MarkdownCommentRenderer renderer = MarkdownCommentRenderer.withDefaults();

    @Test
    void systemSoftwareUnsafeDeserialization() {
        Snapshots.assertMatches(
                "triage-system-software",
                renderer.triageComment(Posts.context(Posts.DESERIALIZATION_TEXT, Posts.deserialization())));
    }

    @Test
    void ecosystemOutdatedDependency() {
        Snapshots.assertMatches(
                "triage-ecosystem",
                renderer.triageComment(Posts.context(Posts.OUTDATED_DEPENDENCY_TEXT, Posts.outdatedDependency())));
    }

    @Test
    void modelPromptInjection() {
        Snapshots.assertMatches(
                "triage-model",
                renderer.triageComment(Posts.context(Posts.PROMPT_INJECTION_TEXT, Posts.promptInjection())));
    }

    @Test
    void dataLeakage() {
        Snapshots.assertMatches(
                "triage-data", renderer.triageComment(Posts.context(Posts.DATA_LEAK_TEXT, Posts.dataLeak())));
    }

    @Test
    void undisclosedReportInPublicRepository() {
        Snapshots.assertMatches(
                "triage-disclosure",
                renderer.triageComment(Posts.context(Posts.UNDISCLOSED_REPORT_TEXT, Posts.pathTraversal())));
    }

    @Test
    void lowConfidence() {
        Snapshots.assertMatches(
                "triage-low-confidence",
                renderer.triageComment(Posts.context(Posts.AMBIGUOUS_TEXT, Posts.ambiguous())));
    }

    @Test
    void repoConfigErrorsInTheFooter() {
        CommentContext context = new CommentContext(
                "acme/diffusion-kit",
                true,
                Posts.DESERIALIZATION_TEXT,
                Posts.deserialization(),
                List.of(
                        "line 3: unknown key 'treshold' (did you mean 'threshold'?)",
                        "line 7: 'comment' must be true or false"));
        Snapshots.assertMatches("triage-config-error", renderer.triageComment(context));
    }

    /**
     * The comment follows a maintainer's correction: "not security" or "security" (from a low confidence) of this very
     * thread, "security" of a very similar post; and the explanation of a post following a "not security" one.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("corrections")
    void theCommentSaysTheMaintainersCorrectedVerdictInPlaceOfTheModelsConfidence(
            String snapshot, String text, Prediction prediction, CommentContext.Correction correction) {
        CommentContext context = Posts.context(text, prediction).following(correction);
        Snapshots.assertMatches(
                snapshot,
                snapshot.startsWith("explain") ? renderer.explainComment(context) : renderer.triageComment(context));
    }

    static Stream<Arguments> corrections() {
        return Stream.of(
                Arguments.of(
                        "triage-corrected-not-security",
                        Posts.DESERIALIZATION_TEXT,
                        Posts.deserialization(),
                        new CommentContext.Correction(12, ISSUE_12, 1, true, false)),
                Arguments.of(
                        "triage-corrected-security",
                        Posts.AMBIGUOUS_TEXT,
                        Posts.ambiguous(),
                        new CommentContext.Correction(12, ISSUE_12, 1, true, true)),
                Arguments.of(
                        "triage-following-a-correction",
                        Posts.PROMPT_INJECTION_TEXT,
                        Posts.promptInjection(),
                        new CommentContext.Correction(12, ISSUE_12, 0.912, false, true)),
                Arguments.of(
                        "explain-following-a-correction",
                        Posts.DESERIALIZATION_TEXT,
                        Posts.deserialization(),
                        new CommentContext.Correction(12, ISSUE_12, 0.874, false, false)));
    }

    @Test
    void explain() {
        Snapshots.assertMatches(
                "explain", renderer.explainComment(Posts.context(Posts.DESERIALIZATION_TEXT, Posts.deserialization())));
    }

    @Test
    void explainOfAnUndisclosedReport() {
        Snapshots.assertMatches(
                "explain-disclosure",
                renderer.explainComment(Posts.context(Posts.UNDISCLOSED_REPORT_TEXT, Posts.pathTraversal())));
    }
}
