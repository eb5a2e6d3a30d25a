package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Prediction;
import java.util.List;

/**
 * Everything the comment needs about one thread.
 *
 * @param repository       {@code owner/name}
 * @param publicRepository whether anyone can read the thread (disclosure safety depends on it)
 * @param postText         title and body (and the comments that were classified with it)
 * @param prediction       the classifier's verdict (its theme the maintainers' when they corrected it)
 * @param configErrors     problems found in the repository's {@code .github/ai-security-triage.yml}, shown in the footer
 * @param flavour          the platform's Markdown: GitHub's unless the thread is on the Hugging Face Hub
 * @param correction       the maintainers' correction the verdict follows, or null for the model's own verdict
 */
public record CommentContext(
        String repository,
        boolean publicRepository,
        String postText,
        Prediction prediction,
        List<String> configErrors,
        Flavour flavour,
        Correction correction) {

    public CommentContext {
        configErrors = configErrors == null ? List.of() : List.copyOf(configErrors);
        flavour = flavour == null ? Flavour.GITHUB : flavour;
    }

    /** A thread on GitHub. */
    public CommentContext(
            String repository,
            boolean publicRepository,
            String postText,
            Prediction prediction,
            List<String> configErrors) {
        this(repository, publicRepository, postText, prediction, configErrors, Flavour.GITHUB);
    }

    /** A thread in a platform's flavour, its verdict the model's own. */
    public CommentContext(
            String repository,
            boolean publicRepository,
            String postText,
            Prediction prediction,
            List<String> configErrors,
            Flavour flavour) {
        this(repository, publicRepository, postText, prediction, configErrors, flavour, null);
    }

    /** The same thread rendered in another flavour. */
    public CommentContext in(Flavour other) {
        return new CommentContext(repository, publicRepository, postText, prediction, configErrors, other, correction);
    }

    /** The same thread, its verdict following a maintainers' correction (none when null). */
    public CommentContext following(Correction other) {
        return new CommentContext(repository, publicRepository, postText, prediction, configErrors, flavour, other);
    }

    /**
     * A maintainers' correction that a thread's verdict follows: one of this thread, or one of a post of the same
     * repository very close to it.
     *
     * @param number     the corrected thread's number
     * @param url        its web address, or null
     * @param similarity how close the two posts are (cosine of their sentence embeddings; 1 on the thread itself)
     * @param thisThread whether the maintainers corrected this very thread
     * @param security   the verdict they gave
     */
    public record Correction(int number, String url, double similarity, boolean thisThread, boolean security) {}
}
