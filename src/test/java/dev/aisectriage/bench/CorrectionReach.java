package dev.aisectriage.bench;

import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.classify.HeadsClassifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.event.FollowCorrections;
import dev.aisectriage.store.Corrections.Correction;
import dev.aisectriage.store.Corrections.Reading;
import dev.aisectriage.training.LabelledPost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * How far a maintainer's correction reaches: for every ordered pair of posts of one repository in the shared data
 * (the first corrected with its label, the second arriving later), whether the second follows the first under
 * {@link FollowCorrections}'s rule (cosine of the embeddings of {@link FollowCorrections#matchText}, and the same
 * keyword evidence), by the hand-read kind of the pair ({@code src/test/resources/eval/correction-pairs.tsv}):
 * duplicates reached, and distinct posts reached, of another label (a wrong verdict) or another theme.
 *
 * <pre>
 * ./mvnw -B -q test-compile && ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) dev.aisectriage.bench.CorrectionReach ../shared/data
 * </pre>
 *
 * <p>Results in docs/configuration.md ("Corrections").
 */
public final class CorrectionReach {

    static final List<String> FILES = List.of(
            "paper-posts.train.jsonl",
            "issues-labelled.train.jsonl",
            "issues-labelled-2.train.jsonl",
            "issues-labelled-3.train.jsonl");
    static final double[] THRESHOLDS = {0.70, 0.72, 0.75, 0.78, 0.80, 0.85};

    private CorrectionReach() {}

    /** A post as the classifier read it, its label and theme. */
    record Read(LabelledPost post, float[] embedding, List<String> keywords) {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data");
        Path pairsFile = Path.of(args.length > 1 ? args[1] : "src/test/resources/eval/correction-pairs.tsv");
        Map<String, List<LabelledPost>> byRepo = new TreeMap<>();
        for (String file : FILES) {
            for (LabelledPost p : LabelledPost.read(dir.resolve(file))) {
                byRepo.computeIfAbsent(p.repo(), r -> new ArrayList<>()).add(p);
            }
        }
        byRepo.values().removeIf(posts -> posts.size() < 2);
        Map<String, String> judged = judged(pairsFile);

        HeadsClassifier classifier = ClassifierLoader.bundled();
        Map<String, Read> read = new HashMap<>();
        for (List<LabelledPost> posts : byRepo.values()) {
            for (LabelledPost p : posts) {
                String text = asPosted(p.text());
                Prediction prediction = classifier.classify(text);
                float[] embedding =
                        classifier.embedding(FollowCorrections.matchText(text)).orElseThrow();
                read.put(p.id(), new Read(p, embedding, prediction.keywords()));
            }
        }
        System.out.printf(
                Locale.ROOT,
                "model %s; %d posts in %d repositories with two posts or more%n",
                classifier.modelVersion(),
                read.size(),
                byRepo.size());

        List<Pair> pairs = new ArrayList<>();
        for (List<LabelledPost> posts : byRepo.values()) {
            for (LabelledPost a : posts) {
                for (LabelledPost b : posts) {
                    if (a != b) {
                        pairs.add(pair(read.get(a.id()), read.get(b.id()), judged));
                    }
                }
            }
        }
        report(pairs);
        classifier.close();
    }

    /** An ordered pair: {@code corrected} corrected with its label, {@code later} arriving after it. */
    record Pair(Read corrected, Read later, String kind, boolean readByHand, double cosine, boolean sameEvidence) {

        boolean otherLabel() {
            return !Objects.equals(corrected.post().isSecurity(), later.post().isSecurity());
        }

        boolean otherTheme() {
            return corrected.post().isSecurity() == 1
                    && later.post().isSecurity() == 1
                    && corrected.post().theme() != later.post().theme();
        }

        String ids() {
            return corrected.post().id() + " -> " + later.post().id();
        }
    }

    private static Pair pair(Read a, Read b, Map<String, String> judged) {
        Correction correction = new Correction(
                ThreadRef.of(1L, a.post().repo(), "issue", 1, null),
                a.post().url(),
                a.post().text(),
                a.post().isSecurity() == 1,
                null,
                "bench",
                "bench",
                new Reading(a.keywords(), a.embedding(), "bench"),
                "");
        double cosine = 0;
        for (int i = 0; i < a.embedding().length; i++) {
            cosine += a.embedding()[i] * b.embedding()[i];
        }
        Optional<FollowCorrections.Match> gated =
                FollowCorrections.nearest(List.of(correction), b.embedding(), b.keywords(), -1);
        String key = a.post().id().compareTo(b.post().id()) < 0
                ? a.post().id() + "\t" + b.post().id()
                : b.post().id() + "\t" + a.post().id();
        return new Pair(a, b, judged.getOrDefault(key, "distinct"), judged.containsKey(key), cosine, gated.isPresent());
    }

    private static void report(List<Pair> pairs) {
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Pair p : pairs) {
            totals.merge(p.kind(), 1L, Long::sum);
        }
        System.out.printf(Locale.ROOT, "ordered pairs: %s%n", totals);
        System.out.println("| rule | from cosine | duplicates reached | same symptom reached | distinct reached |"
                + " of another label | of another theme |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (boolean gate : new boolean[] {false, true}) {
            for (double t : THRESHOLDS) {
                long dup = 0;
                long symptom = 0;
                long distinct = 0;
                long otherLabel = 0;
                long otherTheme = 0;
                for (Pair p : pairs) {
                    if (p.cosine() < t || (gate && !p.sameEvidence())) {
                        continue;
                    }
                    switch (p.kind()) {
                        case "duplicate" -> dup++;
                        case "same-symptom" -> symptom++;
                        default -> {
                            distinct++;
                            otherLabel += p.otherLabel() ? 1 : 0;
                            otherTheme += p.otherTheme() ? 1 : 0;
                        }
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "| %s | %.2f | %d of %d (%.0f%%) | %d of %d | %d | %d | %d |%n",
                        gate ? "cosine and same evidence" : "cosine alone",
                        t,
                        dup,
                        totals.getOrDefault("duplicate", 0L),
                        100.0 * dup / Math.max(1, totals.getOrDefault("duplicate", 0L)),
                        symptom,
                        totals.getOrDefault("same-symptom", 0L),
                        distinct,
                        otherLabel,
                        otherTheme);
            }
        }
        Map<String, Predicate<Pair>> wrong = new LinkedHashMap<>();
        wrong.put("distinct pair of another label", p -> p.kind().equals("distinct") && p.otherLabel());
        wrong.put("pair of reports of another theme", p -> !p.kind().equals("duplicate") && p.otherTheme());
        for (boolean gate : new boolean[] {false, true}) {
            wrong.forEach((what, test) -> pairs.stream()
                    .filter(p -> test.test(p) && (!gate || p.sameEvidence()))
                    .max((x, y) -> Double.compare(x.cosine(), y.cosine()))
                    .ifPresent(p -> System.out.printf(
                            Locale.ROOT,
                            "closest %s (%s): %.3f %s%n",
                            what,
                            gate ? "same evidence" : "any evidence",
                            p.cosine(),
                            p.ids())));
        }
        List<Pair> unread = pairs.stream()
                .filter(p -> !p.readByHand()
                        && !p.otherLabel()
                        && p.cosine() >= THRESHOLDS[0]
                        && p.corrected().post().id().compareTo(p.later().post().id()) < 0)
                .toList();
        System.out.printf(
                Locale.ROOT,
                "pairs of one label from cosine %.2f not read by hand: %d%n",
                THRESHOLDS[0],
                unread.size());
        unread.forEach(p -> System.out.printf(Locale.ROOT, "  %.3f %s%n", p.cosine(), p.ids()));
        System.out.printf(
                Locale.ROOT,
                "cores %d, java %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
    }

    /** The pairs read by hand, by their two ids in order, tab-separated. */
    private static Map<String, String> judged(Path file) throws IOException {
        Map<String, String> out = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            out.put(f[0].compareTo(f[1]) < 0 ? f[0] + "\t" + f[1] : f[1] + "\t" + f[0], f[2]);
        }
        return out;
    }

    /**
     * The post as GitHub shows it to the bot (title and body): the shared files' search-listing lines taken out (the
     * {@code owner/repo · issue #N · state} header, the labels line, the {@code author · description · date} lines),
     * the title's {@code #} too.
     */
    static String asPosted(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if ((i == 0 && line.matches("^\\S+/\\S+ · (issue|pull request|discussion)\\b.*"))
                    || (i <= 1 && line.startsWith("labels:"))
                    || line.matches("^\\S+ · (description|comment|reply|answer|review|review thread)\\b.*")) {
                continue;
            }
            out.append(out.isEmpty() && line.startsWith("# ") ? line.substring(2) : line)
                    .append('\n');
        }
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }
}
