package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentContext;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.core.Verdict;

/**
 * The verdict a thread gets in its repository: the model's own, or the maintainers' correction it follows.
 *
 * @param prediction what the labels and the comment show: the model's, its theme the maintainers' when they gave one
 * @param correction the correction followed, or null
 */
public record Corrected(Prediction prediction, Verdict verdict, CommentContext.Correction correction) {

    /** The comment's context, saying which correction the verdict follows. */
    public CommentContext comment(CommentContext context) {
        return context.following(correction);
    }
}
