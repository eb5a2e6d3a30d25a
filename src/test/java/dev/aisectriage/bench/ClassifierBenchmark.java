package dev.aisectriage.bench;

import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.classify.HeadsClassifier;
import dev.aisectriage.classify.KeywordStage;
import dev.aisectriage.classify.Metrics;
import dev.aisectriage.classify.ModelArtefact;
import dev.aisectriage.classify.OnnxEncoder;
import dev.aisectriage.training.LabelledPost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times {@code classify} per post against the raw ONNX forward pass on the same inputs, after a warm-up.
 *
 * <pre>
 * ./mvnw -B -q -o test-compile
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.aisectriage.bench.ClassifierBenchmark \
 *     ../shared/data/issues-labelled.train.jsonl 300
 * </pre>
 */
public final class ClassifierBenchmark {

    private ClassifierBenchmark() {}

    /** Mean time of each step other than the forward pass, to see where the overhead goes. */
    private static void breakdown(List<String> texts, OnnxEncoder encoder) {
        ModelArtefact artefact = ClassifierLoader.bundledArtefact();
        KeywordStage keywords = new KeywordStage();
        float[] emb = new float[384];
        emb[0] = 1;
        double tok = 0;
        double kw = 0;
        double tfidf = 0;
        double knn = 0;
        for (int round = 0; round < 2; round++) {
            tok = 0;
            kw = 0;
            tfidf = 0;
            knn = 0;
            for (String t : texts) {
                long a = System.nanoTime();
                encoder.windows(t);
                long b = System.nanoTime();
                keywords.match(t);
                long c = System.nanoTime();
                artefact.layout().tfidf().vectorize(t);
                long d = System.nanoTime();
                artefact.neighbours().search(emb, 15);
                long e = System.nanoTime();
                tok += (b - a) / 1e6;
                kw += (c - b) / 1e6;
                tfidf += (d - c) / 1e6;
                knn += (e - d) / 1e6;
            }
        }
        int n = texts.size();
        System.out.printf(
                Locale.ROOT,
                "mean per post: tokenize %.2f ms, keywords %.2f ms, tf-idf %.2f ms, " + "neighbours %.2f ms%n",
                tok / n,
                kw / n,
                tfidf / n,
                knn / n);
    }

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data/issues-labelled.train.jsonl");
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        int warmup = 50;
        List<String> texts = new ArrayList<>();
        for (LabelledPost p : LabelledPost.read(file)) {
            texts.add(p.text());
            if (texts.size() == limit) {
                break;
            }
        }

        long t0 = System.nanoTime();
        HeadsClassifier classifier = ClassifierLoader.bundled();
        double loadMs = (System.nanoTime() - t0) / 1e6;
        OnnxEncoder encoder = classifier.encoder();

        for (int i = 0; i < warmup; i++) {
            String t = texts.get(i % texts.size());
            classifier.classify(t);
            for (long[] ids : encoder.windows(t)) {
                encoder.forward(ids);
            }
        }
        int n = texts.size();
        double[] classify = new double[n];
        double[] forward = new double[n];
        long tokens = 0;
        // Interleaved so that load from other processes on the machine hits both series alike.
        for (int i = 0; i < n; i++) {
            String t = texts.get(i);
            long[][] windows = encoder.windows(t);
            long a = System.nanoTime();
            for (long[] ids : windows) {
                encoder.forward(ids);
            }
            forward[i] = (System.nanoTime() - a) / 1e6;
            long b = System.nanoTime();
            classifier.classify(t);
            classify[i] = (System.nanoTime() - b) / 1e6;
            for (long[] ids : windows) {
                tokens += ids.length;
            }
        }
        double classifyMean = Arrays.stream(classify).average().orElseThrow();
        double forwardMean = Arrays.stream(forward).average().orElseThrow();
        Arrays.sort(classify);
        Arrays.sort(forward);
        System.out.printf(
                Locale.ROOT,
                "posts %d (from %s), mean tokens %.0f, window %s %d, model %s%n",
                n,
                file,
                (double) tokens / n,
                encoder.window(),
                encoder.maxTokens(),
                classifier.modelVersion());
        System.out.printf(Locale.ROOT, "model load          %.0f ms%n", loadMs);
        System.out.printf(
                Locale.ROOT,
                "classify            p50 %.1f ms  p99 %.1f ms  mean %.1f ms%n",
                Metrics.percentile(classify, 50),
                Metrics.percentile(classify, 99),
                classifyMean);
        System.out.printf(
                Locale.ROOT,
                "raw ONNX forward    p50 %.1f ms  p99 %.1f ms  mean %.1f ms%n",
                Metrics.percentile(forward, 50),
                Metrics.percentile(forward, 99),
                forwardMean);
        System.out.printf(
                Locale.ROOT,
                "ratio classify/forward  p50 %.3f  mean %.3f%n",
                Metrics.percentile(classify, 50) / Metrics.percentile(forward, 50),
                classifyMean / forwardMean);
        System.out.printf(
                Locale.ROOT,
                "cores %d, max heap %d MB, java %s%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        breakdown(texts, encoder);
        classifier.close();
    }
}
