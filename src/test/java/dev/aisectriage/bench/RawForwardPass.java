package dev.aisectriage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.classify.HeadsClassifier;
import dev.aisectriage.classify.Metrics;
import dev.aisectriage.classify.OnnxEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One raw ONNX forward pass of an issue's text (title and body, as the service reads a post) on the bundled encoder,
 * tokenizing excluded: the yardstick the intake benchmark holds its p99 against.
 */
final class RawForwardPass implements AutoCloseable {

    private final HeadsClassifier classifier;
    private final long[][] windows;
    private final List<Double> millis = new ArrayList<>();

    private RawForwardPass(HeadsClassifier classifier, long[][] windows) {
        this.classifier = classifier;
        this.windows = windows;
    }

    /** The bundled encoder and the token windows of the issue in an {@code issues} payload. */
    static RawForwardPass of(byte[] issuesPayload) throws IOException {
        JsonNode issue = new ObjectMapper().readTree(issuesPayload).get("issue");
        String text = issue.get("title").asText() + "\n\n" + issue.get("body").asText();
        HeadsClassifier classifier = ClassifierLoader.bundled();
        return new RawForwardPass(classifier, classifier.encoder().windows(text));
    }

    /** Times {@code n} passes after as many unrecorded ones (warming up the session and the JIT). */
    void time(int n) {
        OnnxEncoder encoder = classifier.encoder();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < n; i++) {
                long started = System.nanoTime();
                for (long[] ids : windows) {
                    encoder.forward(ids);
                }
                if (round == 1) {
                    millis.add((System.nanoTime() - started) / 1e6);
                }
            }
        }
    }

    int count() {
        return millis.size();
    }

    double p50Ms() {
        return Metrics.percentile(
                millis.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 50);
    }

    @Override
    public void close() {
        classifier.close();
    }
}
