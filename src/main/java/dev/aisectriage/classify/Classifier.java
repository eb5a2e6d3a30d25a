package dev.aisectriage.classify;

/** Text in, prediction out. Implementations are thread-safe and loaded once at start-up. */
public interface Classifier {

    Prediction classify(String text);

    String modelVersion();
}
