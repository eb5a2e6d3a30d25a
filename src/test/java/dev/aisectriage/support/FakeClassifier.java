package dev.aisectriage.support;

import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A classifier whose verdict tests can read off the text: "pickle" or "exploit" makes a security post
 * (System & Software, or Model when "weights" appears too), "maybe" a borderline one, anything else not security.
 * Every call is remembered, so a test can see what text was classified and what came of it. It has no sentence
 * encoder unless it is given one ({@link #FakeClassifier(Function)}).
 */
public final class FakeClassifier implements Classifier {

    public final List<String> texts = new ArrayList<>();
    public final List<Prediction> predictions = new ArrayList<>();
    private final Function<String, float[]> embeddings;

    /** Without a sentence encoder, as a fine-tuned sequence classifier. */
    public FakeClassifier() {
        this(null);
    }

    /** @param embeddings the post's embedding (a real encoder's, for example) */
    public FakeClassifier(Function<String, float[]> embeddings) {
        this.embeddings = embeddings;
    }

    @Override
    public Optional<float[]> embedding(String text) {
        return embeddings == null ? Optional.empty() : Optional.of(embeddings.apply(text));
    }

    @Override
    public synchronized Prediction classify(String text) {
        texts.add(text);
        String t = text.toLowerCase(Locale.ROOT);
        boolean security = t.contains("pickle") || t.contains("exploit");
        double p = security ? 0.93 : t.contains("maybe") ? 0.45 : 0.04;
        Theme theme = t.contains("weights") ? Theme.MODEL : Theme.SYSTEM_SOFTWARE;
        Map<Theme, Double> themes = Map.of(
                Theme.SYSTEM_SOFTWARE,
                theme == Theme.SYSTEM_SOFTWARE ? 0.7 : 0.1,
                Theme.EXTERNAL_ECOSYSTEM,
                0.1,
                Theme.MODEL,
                theme == Theme.MODEL ? 0.7 : 0.1,
                Theme.DATA,
                0.1);
        List<Prediction.IssueTypeScore> types = security
                ? List.of(new Prediction.IssueTypeScore(
                        "system-software-unsafe-deserialization", "Unsafe deserialization", Theme.SYSTEM_SOFTWARE, 0.8))
                : List.of();
        Prediction prediction = new Prediction(
                security, p, themes, types, security ? List.of("pickle") : List.of(), modelVersion(), List.of());
        predictions.add(prediction);
        return prediction;
    }

    @Override
    public String modelVersion() {
        return "fake-1";
    }
}
