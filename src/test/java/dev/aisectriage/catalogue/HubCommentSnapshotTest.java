package dev.aisectriage.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Hugging Face Hub's flavour of every comment against {@code src/test/resources/snapshots/hub-*.md}, and free of
 * what only GitHub renders or understands: folded sections, HTML, alerts, slash commands, label names.
 */
class HubCommentSnapshotTest {

    private static final MarkdownCommentRenderer RENDERER = MarkdownCommentRenderer.withDefaults();

    static Stream<Arguments> comments() {
        CommentContext deserialization = hub(Posts.context(Posts.DESERIALIZATION_TEXT, Posts.deserialization()));
        CommentContext disclosure = hub(Posts.context(Posts.UNDISCLOSED_REPORT_TEXT, Posts.pathTraversal()));
        CommentContext configErrors = new CommentContext(
                "acme/diffusion-kit",
                true,
                Posts.DESERIALIZATION_TEXT,
                Posts.deserialization(),
                List.of(
                        "line 3: unknown key 'treshold' (did you mean 'threshold'?)",
                        "line 7: unknown key '@someuser'"),
                Flavour.HUGGING_FACE_HUB);
        return Stream.of(
                Arguments.of("hub-triage-system-software", RENDERER.triageComment(deserialization)),
                Arguments.of(
                        "hub-triage-low-confidence",
                        RENDERER.triageComment(hub(Posts.context(Posts.AMBIGUOUS_TEXT, Posts.ambiguous())))),
                Arguments.of("hub-triage-config-error", RENDERER.triageComment(configErrors)),
                Arguments.of("hub-triage-disclosure", RENDERER.triageComment(disclosure)),
                Arguments.of(
                        "hub-triage-corrected-not-security",
                        RENDERER.triageComment(
                                deserialization.following(new CommentContext.Correction(7, null, 1, true, false)))),
                Arguments.of("hub-explain", RENDERER.explainComment(deserialization)),
                Arguments.of("hub-explain-disclosure", RENDERER.explainComment(disclosure)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comments")
    void matchesItsSnapshot(String name, String comment) {
        Snapshots.assertMatches(name, comment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comments")
    void usesNothingOnlyGitHubRendersOrUnderstands(String name, String comment) {
        // the marker, by which the bot finds its comment again, is the one HTML construct kept
        String rest = comment.replace(CommentMarker.MARKER, "");
        assertThat(comment).startsWith(CommentMarker.MARKER);
        assertThat(rest)
                .doesNotContainPattern("<[A-Za-z/!]")
                .doesNotContain("> [!")
                .doesNotContain("/ai-security", ".github/ai-security-triage.yml")
                .doesNotContain("security/advisories", "security/policy", "docs.github.com")
                .doesNotContain(RepoLabels.NAMES);
    }

    @Test
    void aContextIsInGitHubsFlavourUnlessToldOtherwise() {
        assertThat(Posts.context(Posts.AMBIGUOUS_TEXT, Posts.ambiguous()).flavour())
                .isEqualTo(Flavour.GITHUB);
    }

    private static CommentContext hub(CommentContext github) {
        return github.in(Flavour.HUGGING_FACE_HUB);
    }

    /** The default label names: a Hub discussion has no labels, so its comment names none. */
    private static final class RepoLabels {
        static final String[] NAMES = {
            "ai-security: needs-triage",
            "ai-security: system-software",
            "ai-security: ecosystem",
            "ai-security: model",
            "ai-security: data"
        };
    }
}
