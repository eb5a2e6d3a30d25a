package dev.aisectriage.classify;

/** The classifier the service uses: encoder, then the trained heads. Thread-safe; build it once. */
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
        return heads.predict(t, encoder.embed(t));
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
