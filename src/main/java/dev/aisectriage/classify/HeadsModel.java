package dev.aisectriage.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The trained heads applied to one post's text and embedding. Immutable, so thread-safe. */
public final class HeadsModel {

    private static final int NEIGHBOURS = 3;

    private static final int ISSUE_TYPES = 10;

    /** Where a question about a topic alone is put, as a share of the abstain band's lower edge. */
    private static final double UNDER_THE_BAND = 0.9;

    /** Neighbours consulted for the theme vote. */
    private static final int KNN = 15;

    private static final NeighbourIndex.Hits NO_HITS = new NeighbourIndex.Hits(new int[0], new double[0]);

    private final ModelArtefact artefact;
    private final KeywordStage keywords;
    /** All heads (security, four themes, issue types) as one feature-major matrix: row = feature, column = head. */
    private final float[] matrix;

    private final double[] biases;
    private final int headCount;
    private final float[] noEmbedding;
    /** Per head, what the mean embedding of the themed training posts adds to its score (see {@link #settle}). */
    private final double[] meanEmbeddingScores;

    public HeadsModel(ModelArtefact artefact) {
        this.keywords = new KeywordStage(artefact.layout().reading().blankSenses());
        if (!keywords.featureNames().equals(artefact.keywordNames())) {
            throw new IllegalArgumentException("model artefact " + artefact.version()
                    + " was trained with another keyword lexicon; retrain it with 'train'");
        }
        this.artefact = artefact;
        this.noEmbedding = new float[artefact.layout().embeddingDim()];
        List<LinearHead> heads = heads(artefact);
        this.headCount = heads.size();
        this.matrix = featureMajor(heads, artefact.layout().size());
        this.biases = new double[headCount];
        for (int h = 0; h < headCount; h++) {
            biases[h] = heads.get(h).bias();
        }
        this.meanEmbeddingScores = meanEmbeddingScores(artefact, matrix, headCount);
    }

    /** The heads in score order: security, one per theme, one per issue type. */
    private static List<LinearHead> heads(ModelArtefact artefact) {
        List<LinearHead> heads = new ArrayList<>();
        heads.add(artefact.security());
        for (Theme t : Theme.values()) {
            LinearHead h = artefact.themes().get(t);
            if (h == null) {
                throw new IllegalArgumentException("model artefact " + artefact.version() + " has no head for " + t);
            }
            heads.add(h);
        }
        heads.addAll(artefact.issueHeads());
        return heads;
    }

    /**
     * The heads' weights feature-major, so one post's few hundred non-zero features read contiguous rows instead of
     * touching every head's 80 KB weight vector at random places (that cost most of the heads' time).
     */
    private static float[] featureMajor(List<LinearHead> heads, int n) {
        int headCount = heads.size();
        float[] matrix = new float[n * headCount];
        for (int h = 0; h < headCount; h++) {
            float[] w = heads.get(h).weights();
            for (int i = 0; i < n; i++) {
                matrix[i * headCount + h] = w[i];
            }
        }
        return matrix;
    }

    /** Per head, what the mean embedding of the themed training posts adds to its score. */
    private static double[] meanEmbeddingScores(ModelArtefact artefact, float[] matrix, int headCount) {
        double[] scores = new double[headCount];
        float[] mean = artefact.neighbours().meanThemedEmbedding();
        int base = artefact.layout().tfidf().size();
        float scale = artefact.layout().embeddingScale();
        for (int d = 0; d < Math.min(mean.length, artefact.layout().embeddingDim()); d++) {
            int row = (base + d) * headCount;
            for (int h = 0; h < headCount; h++) {
                scores[h] += matrix[row + h] * mean[d] * scale;
            }
        }
        return scores;
    }

    private double[] scores(Features f) {
        double[] s = biases.clone();
        int[] idx = f.indices();
        float[] val = f.values();
        for (int k = 0; k < idx.length; k++) {
            int row = idx[k] * headCount;
            float v = val[k];
            for (int h = 0; h < headCount; h++) {
                s[h] += matrix[row + h] * v;
            }
        }
        return s;
    }

    public ModelArtefact artefact() {
        return artefact;
    }

    /** What the encoder reads of a post, for {@link #predict}'s embedding. */
    public String encoderInput(String text) {
        return artefact.encoder().input().of(text);
    }

    /** What the encoder reads of a post already read. */
    public String encoderInput(String text, KeywordMatch read) {
        return artefact.encoder().input().of(text, read.post());
    }

    /** The post split and its keywords matched, once for {@link #settle} and {@link #predict}. */
    public KeywordMatch read(String text) {
        return keywords.read(PostText.of(text));
    }

    /** The whole model: every head, with the embedding of the post's {@link #encoderInput}. */
    public Prediction predict(String text, float[] embedding) {
        return predict(read(text), embedding);
    }

    /** The whole model on a post already read. */
    public Prediction predict(KeywordMatch matched, float[] embedding) {
        Features f = artefact.layout().features(matched, embedding);
        NeighbourIndex.Hits hits = artefact.neighbours().search(embedding, KNN);
        LinearHead sec = artefact.security();
        double[] s = scores(f);
        // Calibration is fitted on the head's score and, if trained so, the neighbours' security vote together.
        double pSec = LinearHead.sigmoid(sec.plattA() * s[0]
                + sec.plattB()
                + artefact.securityKnnWeight() * artefact.neighbours().securityVote(hits));
        return prediction(s, pSec, matched, hits, artefact.knnThemeWeight(), artefact.themeOffsets());
    }

    /**
     * The cascade's cheap stage: a post whose own sentences name no vulnerability class and whose
     * TF-IDF-and-keywords security probability is under the artefact's {@code settleBelow} is settled as not
     * security without the encoder (themes and issue types from the same heads, with the mean embedding of the
     * themed training posts in place of the post's own; no neighbours). Empty: run the encoder.
     */
    public Optional<Prediction> settle(String text) {
        return settle(read(text));
    }

    /** The cheap stage on a post already read. */
    public Optional<Prediction> settle(KeywordMatch matched) {
        ModelArtefact.Cascade cascade = artefact.cascade();
        if (cascade == null) {
            return Optional.empty();
        }
        if (artefact.decisive().matchesAny(matched.proseNames())) {
            return Optional.empty();
        }
        Features f = artefact.layout().features(matched, noEmbedding);
        double cheap = cascade.head().probability(f);
        if (cheap >= cascade.settleBelow()) {
            return Optional.empty();
        }
        // The heads were trained on real embeddings: an empty one would pull every score off its usual range.
        double[] s = scores(f);
        for (int h = 0; h < headCount; h++) {
            s[h] += meanEmbeddingScores[h];
        }
        double[] offsets = artefact.themeOffsets();
        if (!cascade.themes().isEmpty()) {
            // The cheap stage's own theme heads, trained without embeddings, know such posts better.
            for (Theme t : Theme.values()) {
                s[1 + t.ordinal()] = cascade.themes().get(t).score(f);
            }
            offsets = cascade.themeOffsets();
        }
        Prediction p = prediction(s, cheap, matched, NO_HITS, 0, offsets);
        return Optional.of(new Prediction(
                false,
                p.securityProbability(),
                p.themes(),
                p.issueTypes(),
                p.keywords(),
                p.modelVersion(),
                p.neighbours()));
    }

    private Prediction prediction(
            double[] s,
            double pSec,
            KeywordMatch matched,
            NeighbourIndex.Hits hits,
            double knnThemeWeight,
            double[] themeOffsets) {
        Map<Theme, Double> themes = themeProbabilities(s, hits, knnThemeWeight, themeOffsets);
        double[] rawIssue = rawIssueProbabilities(s);
        blendIssueMass(themes, rawIssue);
        List<Prediction.IssueTypeScore> top = topIssueTypes(rawIssue, themes);
        Map<Theme, Double> rounded = new EnumMap<>(Theme.class);
        themes.forEach((t, p) -> rounded.put(t, round(p)));
        // A post naming a vulnerability class outright is security, as likely as such posts were in training.
        boolean decisive = artefact.decisive().matchesAny(matched.proseNames());
        if (decisive) {
            pSec = Math.max(pSec, artefact.decisive().precision());
        } else if (artefact.layout().reading().questionsNeedEvidence() && matched.asksAboutATopicOnly()) {
            // A topic alone, asked about, is no report: under the band whatever the heads say.
            pSec = Math.min(pSec, UNDER_THE_BAND * artefact.abstainFrom());
        }
        return new Prediction(
                decisive || pSec >= artefact.securityThreshold(),
                round(pSec),
                rounded,
                top,
                matched.names(),
                artefact.version(),
                artefact.neighbours().neighbours(hits, NEIGHBOURS));
    }

    /** The theme heads' probabilities, blended with the neighbours' theme vote and offset per theme. */
    private Map<Theme, Double> themeProbabilities(
            double[] s, NeighbourIndex.Hits hits, double gamma, double[] offsets) {
        double[] sigmoids = new double[Theme.values().length];
        for (Theme t : Theme.values()) {
            sigmoids[t.ordinal()] = LinearHead.sigmoid(s[1 + t.ordinal()]);
        }
        double[] vote = gamma > 0 ? artefact.neighbours().themeVote(hits) : null;
        double[] blended = ThemeBlend.probabilities(sigmoids, vote, gamma, offsets);
        Map<Theme, Double> themes = new EnumMap<>(Theme.class);
        for (Theme t : Theme.values()) {
            themes.put(t, blended[t.ordinal()]);
        }
        return themes;
    }

    private double[] rawIssueProbabilities(double[] s) {
        double[] rawIssue = new double[artefact.issueTypes().size()];
        for (int i = 0; i < rawIssue.length; i++) {
            rawIssue[i] = LinearHead.sigmoid(s[1 + Theme.values().length + i]);
        }
        return rawIssue;
    }

    /**
     * The primary theme is the theme of the post's first issue type, so the issue heads' mass per theme is blended
     * into the theme probabilities.
     */
    private void blendIssueMass(Map<Theme, Double> themes, double[] rawIssue) {
        Map<Theme, Double> issueMass = new EnumMap<>(Theme.class);
        double massSum = 0;
        for (int i = 0; i < rawIssue.length; i++) {
            issueMass.merge(artefact.issueTypes().get(i).theme(), rawIssue[i], Double::sum);
            massSum += rawIssue[i];
        }
        double beta = artefact.issueWeightInThemeScore();
        for (Theme t : Theme.values()) {
            double mass = massSum > 0 ? issueMass.getOrDefault(t, 0.0) / massSum : 0.25;
            themes.put(t, (1 - beta) * themes.get(t) + beta * mass);
        }
    }

    /** The most likely issue types, each head's probability blended geometrically with its theme's. */
    private List<Prediction.IssueTypeScore> topIssueTypes(double[] rawIssue, Map<Theme, Double> themes) {
        double w = artefact.themeWeightInIssueScore();
        List<Prediction.IssueTypeScore> issues = new ArrayList<>();
        for (int i = 0; i < rawIssue.length; i++) {
            Taxonomy.IssueType type = artefact.issueTypes().get(i);
            // Geometric blend with the theme's probability keeps issue types consistent with the themes.
            double score = Math.pow(rawIssue[i], 1 - w) * Math.pow(themes.get(type.theme()), w);
            issues.add(new Prediction.IssueTypeScore(type.id(), type.name(), type.theme(), round(score)));
        }
        issues.sort(Comparator.comparingDouble(Prediction.IssueTypeScore::probability)
                .reversed());
        return issues.subList(0, Math.min(ISSUE_TYPES, issues.size()));
    }

    private static double round(double p) {
        return Math.round(p * 10_000) / 10_000.0;
    }
}
