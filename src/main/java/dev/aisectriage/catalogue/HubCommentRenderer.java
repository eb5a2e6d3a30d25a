package dev.aisectriage.catalogue;

import java.util.List;

/**
 * The bot's comment for Hugging Face Hub discussions: the same verdict and mitigations as on GitHub, written from the
 * Hub's templates ({@code src/main/jte/comment/hub/}: plain Markdown, no folded sections, no alerts, no slash
 * commands). A public discussion that reads like an undisclosed vulnerability report gets a comment that repeats
 * nothing from it and points to private reporting on the Hub.
 */
public final class HubCommentRenderer implements CommentRenderer {

    private final CommentRenderer markdown;

    /** @param markdown the renderer of both flavours ({@link MarkdownCommentRenderer}) */
    public HubCommentRenderer(CommentRenderer markdown) {
        this.markdown = markdown;
    }

    /** The shipped catalogue and mapping, default confidence rule. */
    public static HubCommentRenderer withDefaults() {
        return new HubCommentRenderer(MarkdownCommentRenderer.withDefaults());
    }

    @Override
    public String triageComment(CommentContext context) {
        return markdown.triageComment(onTheHub(context));
    }

    @Override
    public String explainComment(CommentContext context) {
        return markdown.explainComment(onTheHub(context));
    }

    /** The Hub has no per-repository config file for the bot: nothing to report in a footer. */
    private static CommentContext onTheHub(CommentContext c) {
        return new CommentContext(
                c.repository(),
                c.publicRepository(),
                c.postText(),
                c.prediction(),
                List.of(),
                Flavour.HUGGING_FACE_HUB,
                c.correction(),
                null,
                false);
    }
}
