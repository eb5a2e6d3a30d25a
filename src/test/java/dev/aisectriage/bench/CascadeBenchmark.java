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
 * streams built from the shared data: a realistic one (1,000 posts at a 3% security share, as a real AI tracker:
 * one negative in ten a look-alike or another security-sounding post of the AI-project files, then every ordinary
 * post of the labelled files, topped up with weak negatives) and the AI-project posts alone.
 *
 * <pre>
 * ./mvnw -B -q -o package -DskipTests &amp;&amp; ./mvnw -B -q -o test-compile
 * java -cp target/test-classes:target/ai-security-triage.jar dev.aisectriage.bench.CascadeBenchmark ../shared/data
 * </pre>
 */
public final class CascadeBenchmark {

    /** Security share of the realistic stream: real AI trackers see 1 to 3%. */
    static final double SECURITY_SHARE = 0.03;

    /** Share of the realistic stream's negatives that sound like security without being it. */
    static final double LOOK_ALIKE_SHARE = 0.10;

    private CascadeBenchmark() {}

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data");
        List<LabelledPost> ai = new ArrayList<>();
        for (String f : List.of(
                "issues-labelled.train.jsonl", "issues-labelled-2.train.jsonl", "issues-labelled-3.train.jsonl")) {
            ai.addAll(LabelledPost.read(dir.resolve(f)));
        }
        List<LabelledPost> weak = LabelledPost.read(dir.resolve("nlbse24-weak-negatives.jsonl"));

        HeadsClassifier classifier = ClassifierLoader.bundled();
        HeadsModel heads = new HeadsModel(ClassifierLoader.bundledArtefact());
        OnnxEncoder encoder = classifier.encoder();
        List<String> realistic = realistic(ai, weak, 1000, new Random(42));
        List<String> aiOnly = ai.stream().map(LabelledPost::text).toList();
        for (int i = 0; i < 50; i++) {
            String t = aiOnly.get(i);
            classifier.classify(t);
            for (long[] ids : encoder.windows(t)) {
                encoder.forward(ids);
            }
        }
        System.out.printf(Locale.ROOT, "model %s%n", classifier.modelVersion());
        run(
                "realistic stream (3% security, one negative in ten a look-alike, ordinary posts)",
                realistic, classifier, heads);
        run("AI-project posts alone", aiOnly, classifier, heads);
        System.out.printf(
                Locale.ROOT,
                "cores %d, java %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        classifier.close();
    }

    /**
     * Security posts drawn to the share, look-alikes (and the AI-project files' other negatives that are not ordinary
     * posts) to their share of the negatives, every ordinary post, weak negatives to the size; shuffled.
     */
    static List<String> realistic(List<LabelledPost> ai, List<LabelledPost> weak, int size, Random r) {
        List<LabelledPost> sec = shuffled(ai.stream().filter(p -> p.isSecurity() != null && p.isSecurity() == 1), r);
        List<LabelledPost> sounding = shuffled(
                ai.stream()
                        .filter(p -> p.isSecurity() != null && p.isSecurity() == 0)
                        .filter(p -> !"ordinary".equals(p.group())),
                r);
        List<LabelledPost> ordinary =
                ai.stream().filter(p -> "ordinary".equals(p.group())).toList();
        List<LabelledPost> w = shuffled(weak.stream(), r);
        int nSec = (int) Math.round(size * SECURITY_SHARE);
        int nSounding = (int) Math.round((size - nSec) * LOOK_ALIKE_SHARE);
        List<String> out = new ArrayList<>();
        sec.subList(0, nSec).forEach(p -> out.add(p.text()));
        sounding.subList(0, nSounding).forEach(p -> out.add(p.text()));
        ordinary.stream().limit(size - out.size()).forEach(p -> out.add(p.text()));
        w.subList(0, size - out.size()).forEach(p -> out.add(p.text()));
        Collections.shuffle(out, r);
        return out;
    }

    private static List<LabelledPost> shuffled(java.util.stream.Stream<LabelledPost> posts, Random r) {
        List<LabelledPost> out = new ArrayList<>(posts.toList());
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
