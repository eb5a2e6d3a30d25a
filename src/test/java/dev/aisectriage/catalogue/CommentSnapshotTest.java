package dev.aisectriage.catalogue;

import java.util.List;
import org.junit.jupiter.api.Test;

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

    @Test
    void notSecurityAsTheMaintainersCorrectedThisThread() {
        Snapshots.assertMatches(
                "triage-corrected-not-security",
                renderer.triageComment(Posts.context(Posts.DESERIALIZATION_TEXT, Posts.deserialization())
                        .following(new CommentContext.Correction(12, ISSUE_12, 1, true, false))));
    }

    @Test
    void securityAsTheMaintainersCorrectedThisThreadFromALowConfidence() {
        Snapshots.assertMatches(
                "triage-corrected-security",
                renderer.triageComment(Posts.context(Posts.AMBIGUOUS_TEXT, Posts.ambiguous())
                        .following(new CommentContext.Correction(12, ISSUE_12, 1, true, true))));
    }

    @Test
    void securityFollowingTheCorrectionOfAVerySimilarPost() {
        Snapshots.assertMatches(
                "triage-following-a-correction",
                renderer.triageComment(Posts.context(Posts.PROMPT_INJECTION_TEXT, Posts.promptInjection())
                        .following(new CommentContext.Correction(12, ISSUE_12, 0.912, false, true))));
    }

    @Test
    void explainOfAPostFollowingANotSecurityCorrectionOfAVerySimilarPost() {
        Snapshots.assertMatches(
                "explain-following-a-correction",
                renderer.explainComment(Posts.context(Posts.DESERIALIZATION_TEXT, Posts.deserialization())
                        .following(new CommentContext.Correction(12, ISSUE_12, 0.874, false, false))));
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
