package dev.aisectriage.bench;

import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.classify.HeadsClassifier;
import dev.aisectriage.classify.HeadsModel;
import dev.aisectriage.classify.Metrics;
import dev.aisectriage.classify.OnnxEncoder;
import dev.aisectriage.training.LabelledPost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Mean cost of {@code classify} with the cascade, as a ratio to one ONNX forward pass of the same post, on two
 * streams built from the shared data: a realistic one (the AI-project issues at a 5% security share, topped up with
 * weak negatives to 1,000 posts) and the AI-project issues alone.
 *
 * <pre>
 * ./mvnw -B -q test-compile
 * ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp target/test-classes:target/classes:$(cat cp.txt) dev.aisectriage.bench.CascadeBenchmark ../shared/data
 * </pre>
 */
public final class CascadeBenchmark {

    private CascadeBenchmark() {}

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data");
        List<LabelledPost> ai = new ArrayList<>(LabelledPost.read(dir.resolve("issues-labelled.train.jsonl")));
        ai.addAll(LabelledPost.read(dir.resolve("issues-labelled-2.train.jsonl")));
        List<LabelledPost> weak = LabelledPost.read(dir.resolve("nlbse24-weak-negatives.jsonl"));

        HeadsClassifier classifier = ClassifierLoader.bundled();
        HeadsModel heads = new HeadsModel(ClassifierLoader.bundledArtefact());
        OnnxEncoder encoder = classifier.encoder();
        List<String> realistic = realistic(ai, weak, 1000, 0.05, new Random(42));
        List<String> aiOnly = ai.stream().map(LabelledPost::text).toList();
        for (int i = 0; i < 50; i++) {
            String t = aiOnly.get(i);
            classifier.classify(t);
            for (long[] ids : encoder.windows(t)) {
                encoder.forward(ids);
            }
        }
        System.out.printf(Locale.ROOT, "model %s%n", classifier.modelVersion());
        run("realistic stream (AI-project issues at 5% security, weak negatives)", realistic, classifier, heads);
        run("AI-project issues alone", aiOnly, classifier, heads);
        System.out.printf(
                Locale.ROOT,
                "cores %d, java %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        classifier.close();
    }

    /** All AI-project non-security posts, security ones drawn to the share, weak negatives to the size. */
    static List<String> realistic(List<LabelledPost> ai, List<LabelledPost> weak, int size, double share, Random r) {
        List<LabelledPost> sec = new ArrayList<>(ai.stream()
                .filter(p -> p.isSecurity() != null && p.isSecurity() == 1)
                .toList());
        List<LabelledPost> non = ai.stream()
                .filter(p -> p.isSecurity() != null && p.isSecurity() == 0)
                .toList();
        Collections.shuffle(sec, r);
        List<LabelledPost> w = new ArrayList<>(weak);
        Collections.shuffle(w, r);
        int nSec = (int) Math.round(size * share);
        List<String> out = new ArrayList<>();
        sec.subList(0, nSec).forEach(p -> out.add(p.text()));
        non.forEach(p -> out.add(p.text()));
        w.subList(0, size - out.size()).forEach(p -> out.add(p.text()));
        Collections.shuffle(out, r);
        return out;
    }

    private static void run(String title, List<String> texts, HeadsClassifier classifier, HeadsModel heads) {
        OnnxEncoder encoder = classifier.encoder();
        int n = texts.size();
        double[] classify = new double[n];
        double[] forward = new double[n];
        int settled = 0;
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
            settled += heads.settle(t).isPresent() ? 1 : 0;
        }
        double classifyMean = Arrays.stream(classify).average().orElseThrow();
        double forwardMean = Arrays.stream(forward).average().orElseThrow();
        Arrays.sort(classify);
        Arrays.sort(forward);
        System.out.printf(
                Locale.ROOT,
                "%s: %d posts, %d settled by the cheap stage (%.1f%% reach the encoder)%n",
                title,
                n,
                settled,
                100.0 * (n - settled) / n);
        System.out.printf(
                Locale.ROOT,
                "  classify p50 %.2f ms  p99 %.2f ms  mean %.2f ms | raw ONNX forward p50 %.2f ms  mean %.2f" + " ms%n",
                Metrics.percentile(classify, 50),
                Metrics.percentile(classify, 99),
                classifyMean,
                Metrics.percentile(forward, 50),
                forwardMean);
        System.out.printf(
                Locale.ROOT,
                "  ratio classify / forward: mean %.3f  p50 %.3f%n",
                classifyMean / forwardMean,
                Metrics.percentile(classify, 50) / Metrics.percentile(forward, 50));
    }
}
