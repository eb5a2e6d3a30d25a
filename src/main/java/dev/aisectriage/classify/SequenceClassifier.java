package dev.aisectriage.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A bring-your-own fine-tuned sequence classifier (for example the study's distilBERT exported to ONNX): logits in,
 * labels from {@code config.json}'s {@code id2label}. A label names security (security, is_security, LABEL_1 of a
 * binary model, yes, positive, 1) or a theme (SYSTEM_SOFTWARE, ecosystem, …). Theme labels, when present, give the
 * theme probabilities and their sum is the security probability unless a security label exists.
 */
public final class SequenceClassifier implements Classifier, AutoCloseable {

    private static final Pattern SECURITY_LABEL =
            Pattern.compile("^(security|is_security|security[-_ ]related|secure|label_1|1|yes|positive|true)$");

    private final OnnxEncoder encoder;
    private final List<String> labels;
    private final boolean multiLabel;
    private final double threshold;
    private final String version;
    private final KeywordStage keywords = new KeywordStage();

    private SequenceClassifier(
            OnnxEncoder encoder, List<String> labels, boolean multiLabel, double threshold, String version) {
        this.encoder = encoder;
        this.labels = labels;
        this.multiLabel = multiLabel;
        this.threshold = threshold;
        this.version = version;
    }

    public static SequenceClassifier fromDirectory(Path dir) {
        JsonNode config;
        try {
            config = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve("config.json"), e);
        }
        JsonNode id2label = config.path("id2label");
        if (!id2label.isObject() || id2label.isEmpty()) {
            throw new IllegalArgumentException(dir.resolve("config.json") + " has no id2label");
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < id2label.size(); i++) {
            JsonNode l = id2label.get(String.valueOf(i));
            if (l == null) {
                throw new IllegalArgumentException("id2label in " + dir + " misses id " + i);
            }
            labels.add(l.asText());
        }
        int maxTokens = Math.min(512, config.path("max_position_embeddings").asInt(512));
        boolean multi =
                "multi_label_classification".equals(config.path("problem_type").asText());
        double threshold = config.path("security_threshold").asDouble(0.5);
        String version =
                "byo-" + config.path("_name_or_path").asText(dir.getFileName().toString());
        OnnxEncoder encoder = OnnxEncoder.fromDirectory(dir, Pooling.CLS, TextWindow.HEAD_TAIL, maxTokens, "");
        return new SequenceClassifier(encoder, labels, multi, threshold, version);
    }

    @Override
    public Prediction classify(String text) {
        String t = text == null ? "" : text;
        float[][] logits = (float[][]) encoder.forwardOutput(encoder.windows(t)[0]);
        double[] p = probabilities(logits[0]);
        Double security = null;
        Map<Theme, Double> themes = new EnumMap<>(Theme.class);
        double themeSum = 0;
        for (int i = 0; i < labels.size() && i < p.length; i++) {
            String label = labels.get(i).trim().toLowerCase(Locale.ROOT);
            if (SECURITY_LABEL.matcher(label).matches()) {
                security = p[i];
                continue;
            }
            Theme theme = themeOf(label);
            if (theme != null) {
                themes.merge(theme, p[i], Double::sum);
                themeSum += p[i];
            }
        }
        double pSec = security != null ? security : Math.min(1.0, themeSum);
        for (Theme th : Theme.values()) {
            double v = themeSum > 0 ? themes.getOrDefault(th, 0.0) / themeSum : 0.25;
            themes.put(th, v);
        }
        return new Prediction(pSec >= threshold, pSec, themes, List.of(), keywords.match(t), version, List.of());
    }

    private double[] probabilities(float[] logits) {
        double[] p = new double[logits.length];
        if (multiLabel) {
            for (int i = 0; i < p.length; i++) {
                p[i] = LinearHead.sigmoid(logits[i]);
            }
            return p;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float l : logits) {
            max = Math.max(max, l);
        }
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(logits[i] - max);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static Theme themeOf(String label) {
        try {
            return Theme.parse(label.replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String modelVersion() {
        return version;
    }

    @Override
    public void close() {
        encoder.close();
    }
}
