package dev.aisectriage.catalogue;

/** Writes the bot's Markdown. Both comments carry {@link CommentMarker#MARKER}. */
public interface CommentRenderer {

    /** The one triage comment of a thread. */
    String triageComment(CommentContext context);

    /** The answer to {@code /ai-security explain}. */
    String explainComment(CommentContext context);
}
