package dev.aisectriage.bench;

import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.classify.HeadsClassifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.Verdict;
import dev.aisectriage.event.FollowCorrections;
import dev.aisectriage.event.Verdicts;
import dev.aisectriage.store.Corrections;
import dev.aisectriage.store.Corrections.Correction;
import dev.aisectriage.store.Corrections.Reading;
import dev.aisectriage.store.Database;
import dev.aisectriage.training.LabelledPost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the corrections step adds to a post's triage, as ratios to {@code classify} of the same posts measured in the
 * same run, on the AI-project issues of the shared data: in a repository without corrections (one indexed look-up in
 * a SQLite store); in one whose maintainers took 50 flags back (the post's embedding, one forward pass, only where
 * the model flags the post or is unsure); and in one where half of 50 corrections flag a post the bot passed (the
 * embedding of every post that shows a "security" correction's keywords). Results in docs/benchmarks.md.
 *
 * <pre>
 * ./mvnw -B -q test-compile && ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * nice -n 10 java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) dev.aisectriage.bench.CorrectionCost \
 *     ../shared/data
 * </pre>
 */
public final class CorrectionCost {

    private static final int POSTS = 300;
    private static final int CORRECTIONS = 50;
    private static final int WARM_UP = 30;
    private static final String UNFLAGGED = "bench/flags-taken-back";
    private static final String MIXED = "bench/flags-taken-back-and-given";
    private static final String[] STEPS = {
        "classify (the cascade)",
        "corrections step, repository without corrections",
        "corrections step, " + CORRECTIONS + " corrections, all \"not security\"",
        "corrections step, " + CORRECTIONS + " corrections, half \"security\"",
        "the post's embedding alone (the encoder's forward passes)"
    };

    private CorrectionCost() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data");
        List<String> texts = new ArrayList<>();
        for (String file : List.of("issues-labelled.train.jsonl", "issues-labelled-2.train.jsonl")) {
            LabelledPost.read(dir.resolve(file)).forEach(p -> texts.add(CorrectionReach.asPosted(p.text())));
        }
        Path folder = Files.createTempDirectory("correction-cost-");
        HeadsClassifier classifier = ClassifierLoader.bundled();
        Counting counting = new Counting(classifier);
        try (Database db = Database.open(folder.resolve("triage.db"))) {
            Corrections corrections = new Corrections(db, db::writeTransaction);
            for (int i = 0; i < CORRECTIONS; i++) {
                String text = texts.get(texts.size() - 1 - i);
                Reading reading = new Reading(
                        classifier.classify(text).keywords(),
                        classifier.embedding(FollowCorrections.matchText(text)).orElseThrow(),
                        classifier.modelVersion());
                corrections.record(correction(UNFLAGGED, i, text, false, reading));
                corrections.record(correction(MIXED, i, text, i % 2 == 0, reading));
            }
            FollowCorrections follow = new FollowCorrections(counting, corrections);
            RepoConfig config = RepoConfig.defaults();
            long[] nanos = new long[STEPS.length];
            int[] embedded = new int[STEPS.length];
            int flaggedOrUnsure = 0;
            for (int i = 0; i < WARM_UP + POSTS; i++) {
                String text = texts.get(i);
                long[] t = new long[STEPS.length + 1];
                t[0] = System.nanoTime();
                Prediction p = classifier.classify(text);
                t[1] = System.nanoTime();
                int[] e = new int[STEPS.length + 1];
                e[1] = counting.embeddings;
                follow.follow(new ThreadRef.GitHubIssue(1L, "bench/uncorrected", i, null), text, p, config);
                t[2] = System.nanoTime();
                e[2] = counting.embeddings;
                follow.follow(new ThreadRef.GitHubIssue(1L, UNFLAGGED, 1000 + i, null), text, p, config);
                t[3] = System.nanoTime();
                e[3] = counting.embeddings;
                follow.follow(new ThreadRef.GitHubIssue(1L, MIXED, 1000 + i, null), text, p, config);
                t[4] = System.nanoTime();
                e[4] = counting.embeddings;
                classifier.embedding(text);
                t[5] = System.nanoTime();
                for (int s = 0; i >= WARM_UP && s < STEPS.length; s++) {
                    nanos[s] += t[s + 1] - t[s];
                    embedded[s] += s >= 1 && s <= 3 ? e[s + 1] - e[s] : 0;
                }
                Verdict model = Verdicts.verdict(p, config);
                flaggedOrUnsure += i >= WARM_UP && (model == Verdict.FLAGGED || model == Verdict.ABSTAINED) ? 1 : 0;
            }
            System.out.printf(
                    Locale.ROOT, "model %s, %d posts after %d to warm up%n", classifier.modelVersion(), POSTS, WARM_UP);
            System.out.printf(Locale.ROOT, "%s: mean %.2f ms = 1%n", STEPS[0], nanos[0] / 1e6 / POSTS);
            System.out.printf(
                    Locale.ROOT, "posts the model flags or is unsure about: %d of %d%n", flaggedOrUnsure, POSTS);
            for (int s = 1; s < STEPS.length; s++) {
                System.out.printf(
                        Locale.ROOT,
                        "%s: %.3f of classify%s%n",
                        STEPS[s],
                        (double) nanos[s] / nanos[0],
                        s <= 3 ? String.format(Locale.ROOT, ", %d of %d posts embedded", embedded[s], POSTS) : "");
            }
            System.out.printf(
                    Locale.ROOT,
                    "cores %d, java %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
        } finally {
            classifier.close();
        }
    }

    /** The bundled classifier, counting the embeddings asked of it. */
    private static final class Counting implements Classifier {

        private final HeadsClassifier classifier;
        int embeddings;

        Counting(HeadsClassifier classifier) {
            this.classifier = classifier;
        }

        @Override
        public Prediction classify(String text) {
            return classifier.classify(text);
        }

        @Override
        public String modelVersion() {
            return classifier.modelVersion();
        }

        @Override
        public Optional<float[]> embedding(String text) {
            embeddings++;
            return classifier.embedding(text);
        }
    }

    private static Correction correction(String repository, int i, String text, boolean security, Reading reading) {
        return new Correction(
                new ThreadRef.GitHubIssue(1L, repository, i + 1, null),
                null,
                text,
                security,
                null,
                "bench",
                "bench",
                reading,
                "2026-12-01T00:00:00Z");
    }
}
