package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Prediction;
import java.util.List;

/**
 * Everything the comment needs about one thread.
 *
 * @param repository       {@code owner/name}
 * @param publicRepository whether anyone can read the thread (disclosure safety depends on it)
 * @param postText         title and body (and the comments that were classified with it)
 * @param prediction       the classifier's verdict
 * @param configErrors     problems found in the repository's {@code .github/ai-security-triage.yml}, shown in the footer
 * @param flavour          the platform's Markdown: GitHub's unless the thread is on the Hugging Face Hub
 */
public record CommentContext(
        String repository,
        boolean publicRepository,
        String postText,
        Prediction prediction,
        List<String> configErrors,
        Flavour flavour) {

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

    /** The same thread rendered in another flavour. */
    public CommentContext in(Flavour other) {
        return new CommentContext(repository, publicRepository, postText, prediction, configErrors, other);
    }
}
