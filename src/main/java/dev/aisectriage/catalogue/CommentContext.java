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
 */
public record CommentContext(
        String repository,
        boolean publicRepository,
        String postText,
        Prediction prediction,
        List<String> configErrors) {

    public CommentContext {
        configErrors = configErrors == null ? List.of() : List.copyOf(configErrors);
    }
}
