package dev.aisectriage.classify;

import java.util.Optional;

/**
 * The classifier the service uses: the cheap stage settles the clear cases, the encoder and the trained heads the
 * rest. Thread-safe; build it once.
 */
public final class HeadsClassifier implements Classifier, AutoCloseable {

    private final OnnxEncoder encoder;
    private final HeadsModel heads;

    public HeadsClassifier(OnnxEncoder encoder, HeadsModel heads) {
        this.encoder = encoder;
        this.heads = heads;
    }

    @Override
    public Prediction classify(String text) {
        String t = text == null ? "" : text;
        return heads.settle(t).orElseGet(() -> heads.predict(t, encoder.embed(t)));
    }

    @Override
    public Optional<float[]> embedding(String text) {
        return Optional.of(encoder.embed(text == null ? "" : text));
    }

    @Override
    public String modelVersion() {
        return heads.artefact().version();
    }

    public OnnxEncoder encoder() {
        return encoder;
    }

    @Override
    public void close() {
        encoder.close();
    }
}
