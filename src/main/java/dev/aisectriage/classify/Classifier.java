package dev.aisectriage.classify;

import java.util.Optional;

/** Text in, prediction out. Implementations are thread-safe and loaded once at start-up. */
public interface Classifier {

    Prediction classify(String text);

    String modelVersion();

    /**
     * The post's sentence embedding, L2-normalised, as the classifier's encoder reads the post (running the encoder
     * also for a post the cascade settles without it); empty for a classifier that has no sentence encoder, such as
     * a fine-tuned sequence classifier.
     */
    default Optional<float[]> embedding(String text) {
        return Optional.empty();
    }
}
