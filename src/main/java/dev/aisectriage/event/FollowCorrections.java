package dev.aisectriage.event;

import dev.aisectriage.catalogue.CommentContext;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.config.RepoConfig;
import dev.aisectriage.core.ThreadRef;
import dev.aisectriage.core.Verdict;
import dev.aisectriage.store.Corrections;
import dev.aisectriage.store.Corrections.Correction;
import dev.aisectriage.store.Corrections.Reading;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The triage flow's corrections step: in a repository whose maintainers corrected the bot, a thread follows their
 * correction of this very thread, or else of the post of the repository closest to it if that one is very close (the
 * cosine of their sentence embeddings at least {@link #VERY_CLOSE}) and shows the same evidence (a "not security"
 * is not followed by a post whose keywords show something the corrected post's did not, a "security" not by a post
 * lacking what the corrected post showed). Measured on real near-duplicates and distinct posts of one repository
 * in docs/configuration.md ("Corrections": command, pairs and figures; {@code bench/CorrectionReach}).
 *
 * <p>Only a post a correction could change pays: for the others it is one indexed look-up of the repository's
 * corrections; for those the post's embedding, one forward pass of the encoder (the classifier's seam runs it again
 * even where the cascade ran it). In a repository whose maintainers only took the bot's flags back, that is a post
 * the model flags or is unsure about; where they flagged posts the bot passed, also a post it passes
 * (docs/benchmarks.md, "Corrections step": command and figures, {@code bench/CorrectionCost}).
 */
public final class FollowCorrections {

    /**
     * From this cosine similarity up a post is a near-duplicate of a corrected one: with the evidence rule no distinct
     * post of another label or theme came above 0.70 on the shared data (docs/configuration.md, "Corrections").
     */
    public static final double VERY_CLOSE = 0.75;

    private static final Logger LOG = LoggerFactory.getLogger(FollowCorrections.class);

    private final Classifier classifier;
    private final Corrections corrections;

    public FollowCorrections(Classifier classifier, Corrections corrections) {
        this.classifier = classifier;
        this.corrections = corrections;
    }

    /**
     * The verdict of a post the model read as {@code prediction}, in its repository under {@code config}. The post is
     * embedded only when one of the repository's corrections could change what the bot does with it.
     */
    public Corrected follow(ThreadRef ref, String text, Prediction prediction, RepoConfig config) {
        Verdict model = Verdicts.verdict(prediction, config);
        Corrected own = new Corrected(prediction, model, null);
        List<Correction> known = corrections.ofRepository(ref.repository());
        for (Correction c : known) {
            if (sameThread(c.ref(), ref)) {
                return apply(c, 1, true, prediction, config);
            }
        }
        if (known.stream().noneMatch(c -> mayChange(c, prediction, model))) {
            return own;
        }
        Optional<float[]> embedding = classifier.embedding(matchText(text));
        Optional<Match> match = embedding.flatMap(e -> nearest(current(known), e, prediction.keywords()));
        if (match.isEmpty()) {
            return own;
        }
        Correction c = match.get().correction();
        LOG.info(
                "{}: follows the maintainers' correction of #{} (similarity {}): {}",
                ref,
                c.ref().number(),
                String.format(Locale.ROOT, "%.3f", match.get().similarity()),
                c.security() ? "security" : "not security");
        return apply(c, match.get().similarity(), false, prediction, config);
    }

    /** How the classifier reads a post for corrections: the keywords it matched and the post's embedding. */
    Reading read(String text, Prediction prediction) {
        return new Reading(
                prediction.keywords(), classifier.embedding(matchText(text)).orElse(null), classifier.modelVersion());
    }

    /**
     * The correction a post follows: of those very close to it with the same evidence, the closest; empty when none.
     * Corrections read by another classifier (another embedding) are not compared.
     *
     * @param embedding the post's embedding, of {@link #matchText}
     * @param keywords the keywords the classifier matched in the post
     */
    public static Optional<Match> nearest(List<Correction> corrections, float[] embedding, List<String> keywords) {
        return nearest(corrections, embedding, keywords, VERY_CLOSE);
    }

    /** As {@link #nearest(List, float[], List)}, from the similarity {@code from} up (to measure other thresholds). */
    public static Optional<Match> nearest(
            List<Correction> corrections, float[] embedding, List<String> keywords, double from) {
        Match best = null;
        for (Correction c : corrections) {
            float[] other = c.reading() == null ? null : c.reading().embedding();
            if (other == null || other.length != embedding.length) {
                continue;
            }
            double similarity = 0;
            for (int i = 0; i < other.length; i++) {
                similarity += embedding[i] * other[i];
            }
            if (similarity >= from && sameEvidence(c, keywords) && (best == null || similarity > best.similarity())) {
                best = new Match(c, similarity);
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The text two posts are compared on: the post without the task-list lines of issue templates ({@code - [x] I
     * have searched the existing issues}), which made unrelated posts of one repository look alike. Line by line,
     * so that a text of line breaks costs no more than its length.
     */
    public static String matchText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            String t = line.stripLeading();
            boolean task = t.length() >= 5
                    && (t.charAt(0) == '-' || t.charAt(0) == '*' || t.charAt(0) == '+')
                    && t.charAt(1) == ' '
                    && t.charAt(2) == '['
                    && (t.charAt(3) == ' ' || t.charAt(3) == 'x' || t.charAt(3) == 'X')
                    && t.charAt(4) == ']';
            if (!task) {
                out.append(line).append('\n');
            }
        }
        return out.toString().strip();
    }

    /**
     * Whether following the correction could change the post's verdict or theme: a "not security" where the model
     * flagged the post or was unsure, a "security" where it did not flag it or gave another theme. A correction this
     * classifier read must show the post's evidence too; one it has not read yet might.
     */
    private boolean mayChange(Correction c, Prediction prediction, Verdict model) {
        boolean changes = c.security()
                ? (model != Verdict.FLAGGED && model != Verdict.IGNORED)
                        || (c.theme() != null && c.theme() != prediction.primaryTheme())
                : model == Verdict.FLAGGED || model == Verdict.ABSTAINED;
        boolean read = c.reading() != null
                && classifier.modelVersion().equals(c.reading().modelVersion());
        return changes && (!read || sameEvidence(c, prediction.keywords()));
    }

    /** A correction a post follows, and how close the two posts are. */
    public record Match(Correction correction, double similarity) {}

    /** "Not security" reaches no post showing more than the corrected one; "security" none showing less. */
    private static boolean sameEvidence(Correction c, List<String> keywords) {
        Set<String> corrected = lowerCase(c.reading().keywords());
        Set<String> post = lowerCase(keywords);
        return c.security() ? post.containsAll(corrected) : corrected.containsAll(post);
    }

    private static Set<String> lowerCase(List<String> keywords) {
        Set<String> out = new TreeSet<>();
        keywords.forEach(k -> out.add(k.toLowerCase(Locale.ROOT)));
        return out;
    }

    /** The corrections, each read by this classifier: one it has not read (a new model) is read now, and stored. */
    private List<Correction> current(List<Correction> known) {
        List<Correction> out = new ArrayList<>();
        for (Correction c : known) {
            if (c.reading() == null
                    || !classifier.modelVersion().equals(c.reading().modelVersion())) {
                Reading reading = read(c.text(), classifier.classify(c.text()));
                corrections.reread(c.ref(), reading);
                c = c.withReading(reading);
            }
            out.add(c);
        }
        return out;
    }

    private static boolean sameThread(ThreadRef a, ThreadRef b) {
        return a.repository().equals(b.repository()) && a.kind().equals(b.kind()) && a.number() == b.number();
    }

    private static Corrected apply(
            Correction c, double similarity, boolean thisThread, Prediction prediction, RepoConfig config) {
        CommentContext.Correction note =
                new CommentContext.Correction(c.ref().number(), c.url(), similarity, thisThread, c.security());
        if (!c.security()) {
            return new Corrected(prediction, Verdict.PASSED, note);
        }
        Prediction shown = c.theme() == null ? prediction : withTheme(prediction, c.theme());
        Verdict verdict = config.ignoreThemes().contains(shown.primaryTheme()) ? Verdict.IGNORED : Verdict.FLAGGED;
        return new Corrected(shown, verdict, note);
    }

    /**
     * The prediction with the maintainers' theme: theirs at 100%, the other themes as the model gave them, and only
     * the issue types of their theme (one of another theme would contradict them in the heading and the labels).
     */
    static Prediction withTheme(Prediction p, Theme theme) {
        Map<Theme, Double> themes = new EnumMap<>(p.themes());
        themes.put(theme, 1.0);
        return new Prediction(
                p.security(),
                p.securityProbability(),
                themes,
                p.issueTypes().stream().filter(t -> t.theme() == theme).toList(),
                p.keywords(),
                p.modelVersion(),
                p.neighbours());
    }
}
