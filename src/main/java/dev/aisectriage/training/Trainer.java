package dev.aisectriage.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;
import dev.aisectriage.classify.FeatureLayout;
import dev.aisectriage.classify.Features;
import dev.aisectriage.classify.KeywordStage;
import dev.aisectriage.classify.LinearHead;
import dev.aisectriage.classify.ModelArtefact;
import dev.aisectriage.classify.NeighbourIndex;
import dev.aisectriage.classify.Taxonomy;
import dev.aisectriage.classify.TfIdfVectorizer;
import dev.aisectriage.classify.Theme;
import dev.aisectriage.classify.ThemeBlend;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Trains the heads on precomputed embeddings: security yes/no (Platt-calibrated on out-of-fold scores, threshold
 * chosen for precision on the tuning posts), four theme heads and one head per issue type, all logistic regression
 * (liblinear) over TF-IDF + embedding + keyword features. Deterministic for a given seed.
 */
public final class Trainer {

    static {
        Linear.disableDebugOutput();
    }

    private final TrainerOptions options;
    private final Taxonomy taxonomy;
    private final ModelArtefact.EncoderSpec encoder;

    public Trainer(TrainerOptions options, Taxonomy taxonomy, ModelArtefact.EncoderSpec encoder) {
        this.options = options;
        this.taxonomy = taxonomy;
        this.encoder = encoder;
    }

    public ModelArtefact train(TrainingSet set) {
        KeywordStage keywords = new KeywordStage();
        List<Integer> secRows = new ArrayList<>();
        List<String> vocabDocs = new ArrayList<>();
        SecurityWeights weights = SecurityWeights.of(options);
        for (int i = 0; i < set.size(); i++) {
            LabelledPost p = set.posts().get(i);
            boolean usable = p.isSecurity() != null && (options.useWeakNegatives() || !set.weak()[i]);
            if (usable) {
                // Repeating a post weighs it in the loss (liblinear has no instance weights): the AI-project issues
                // against the paper posts and weak negatives.
                int copies = weights.copies(set.tune()[i], set.weak()[i]);
                for (int c = 0; c < copies; c++) {
                    secRows.add(i);
                }
            }
            if (!set.weak()[i] || options.useWeakNegatives()) {
                vocabDocs.add(p.text());
            }
        }
        TfIdfVectorizer tfidf = TfIdfVectorizer.fit(vocabDocs, options.minDf(), options.maxTerms());
        int dim = set.embeddings().length == 0 ? 384 : set.embeddings()[0].length;
        FeatureLayout layout = new FeatureLayout(
                tfidf, dim, keywords.names().size(), options.embeddingScale(), options.keywordScale());
        Features[] feats = features(set, layout, keywords);
        int n = layout.size();

        // Security head, with out-of-fold scores for calibration and the threshold.
        int[] sRows = secRows.stream().mapToInt(Integer::intValue).toArray();
        double[] sY = new double[sRows.length];
        for (int j = 0; j < sRows.length; j++) {
            sY[j] = set.posts().get(sRows[j]).isSecurity() == 1 ? 1 : 0;
        }
        double cSecurity = options.cSecurity() * weights.cScale();
        LinearHead rawSecurity = fit("security", feats, sRows, sY, n, cSecurity, 0);
        double[] vote = new double[sRows.length];
        double[] oof = outOfFoldScores(set, feats, sRows, sY, n, cSecurity, vote);
        List<Integer> tuneIdx = new ArrayList<>();
        for (int j = 0; j < sRows.length; j++) {
            if (set.tune()[sRows[j]]) {
                tuneIdx.add(j);
            }
        }
        if (!hasBothClasses(tuneIdx, sY)) {
            tuneIdx.clear();
            for (int j = 0; j < sRows.length; j++) {
                tuneIdx.add(j);
            }
        }
        double[] tScores = new double[tuneIdx.size()];
        double[] tY = new double[tuneIdx.size()];
        for (int j = 0; j < tuneIdx.size(); j++) {
            tScores[j] = oof[tuneIdx.get(j)];
            tY[j] = sY[tuneIdx.get(j)];
        }
        double[] ab;
        double knnWeight = 0;
        double[] tVote = new double[tuneIdx.size()];
        for (int j = 0; j < tuneIdx.size(); j++) {
            tVote[j] = vote[tuneIdx.get(j)];
        }
        if (options.knnSecurity()) {
            double[] abc = Calibration.logistic2(tScores, tVote, tY);
            ab = new double[] {abc[0], abc[2]};
            knnWeight = abc[1];
        } else {
            ab = Calibration.platt(tScores, tY);
        }
        LinearHead security = new LinearHead("security", rawSecurity.weights(), rawSecurity.bias(), ab[0], ab[1]);
        double[] tProb = new double[tScores.length];
        for (int j = 0; j < tProb.length; j++) {
            tProb[j] = LinearHead.sigmoid(ab[0] * tScores[j] + ab[1] + knnWeight * tVote[j]);
        }
        double threshold = Calibration.thresholdForPrecision(tProb, tY, options.targetPrecision());

        ModelArtefact.DecisiveKeywords decisive = options.decisiveKeywords()
                ? decisiveKeywords(set, keywords, options.targetPrecision())
                : ModelArtefact.DecisiveKeywords.NONE;

        // Theme heads: one-vs-rest on the primary theme of security posts.
        List<Integer> themed = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            LabelledPost p = set.posts().get(i);
            if (isSecurity(p) && p.theme() != null) {
                // AI-project issues can weigh more here too: the study's posts code themes a little differently.
                int copies = set.tune()[i] ? Math.max(1, options.themeTuneReplicas()) : 1;
                for (int c = 0; c < copies; c++) {
                    themed.add(i);
                }
            }
        }
        int[] tRows = themed.stream().mapToInt(Integer::intValue).toArray();
        // The theme heads may weigh the embedding and keyword blocks differently from the security head: they are
        // trained on features scaled their way, and their weights are rescaled onto the shared feature vector.
        FeatureLayout themeLayout = themeLayout(layout);
        Features[] themeFeats = themeLayout.equals(layout) ? feats : features(set, themeLayout, keywords);
        Map<Theme, LinearHead> themes = new EnumMap<>(Theme.class);
        for (Theme t : Theme.values()) {
            double[] y = new double[tRows.length];
            for (int j = 0; j < tRows.length; j++) {
                y[j] = set.posts().get(tRows[j]).theme() == t ? 1 : 0;
            }
            LinearHead head = fit(t.name(), themeFeats, tRows, y, n, options.cTheme(), options.positiveWeightPower());
            themes.put(t, rescaled(head, themeLayout, layout));
        }

        double[] themeOffsets = options.themeOffsets() ? themeOffsets(set, themeFeats, tRows, n) : null;

        // Issue-type heads: one-vs-rest over security posts that carry codes.
        List<Integer> coded = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            LabelledPost p = set.posts().get(i);
            if (isSecurity(p) && !p.issueCodes().isEmpty()) {
                coded.add(i);
            }
        }
        int[] cRows = coded.stream().mapToInt(Integer::intValue).toArray();
        List<LinearHead> issueHeads = new ArrayList<>();
        for (Taxonomy.IssueType type : taxonomy.issueTypes()) {
            double[] y = new double[cRows.length];
            for (int j = 0; j < cRows.length; j++) {
                y[j] = set.posts().get(cRows[j]).issueCodes().contains(type.id()) ? 1 : 0;
            }
            issueHeads.add(fit(type.id(), feats, cRows, y, n, options.cIssue(), options.positiveWeightPower()));
        }

        // Neighbours: the labelled AI-project posts (not the weak negatives), ids and links only.
        List<LabelledPost> nPosts = new ArrayList<>();
        List<float[]> nEmb = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            if (!set.weak()[i] && set.posts().get(i).isSecurity() != null) {
                nPosts.add(set.posts().get(i));
                nEmb.add(set.embeddings()[i]);
            }
        }
        NeighbourIndex neighbours = NeighbourIndexes.of(nPosts, nEmb.toArray(new float[0][]));

        ObjectNode training = new ObjectMapper().createObjectNode();
        training.put("seed", options.seed());
        training.put("posts", set.size());
        training.put("security_posts_used", sRows.length);
        training.put("weak_negatives_used", options.useWeakNegatives());
        training.put("theme_posts", tRows.length);
        training.put("issue_type_posts", cRows.length);
        training.put("tuning_posts", tuneIdx.size());
        training.put("c_security", options.cSecurity());
        training.put("c_security_per_copy", cSecurity);
        training.put("c_theme", options.cTheme());
        training.put("c_issue", options.cIssue());
        training.put("target_precision", options.targetPrecision());
        training.put("security_weight_ai_issues", options.tuneReplicas());
        training.put("security_weight_paper_posts", options.paperWeight());
        training.put("security_weight_weak_negatives", options.weakWeight());
        training.put("vocabulary_size", tfidf.size());
        training.put("decisive_keywords_on_tuning_posts", decisive.posts());
        return new ModelArtefact(
                        "unversioned",
                        encoder,
                        layout,
                        keywords.names(),
                        taxonomy.issueTypes(),
                        security,
                        threshold,
                        themes,
                        issueHeads,
                        options.themeWeightInIssueScore(),
                        options.issueWeightInThemeScore(),
                        options.knnThemeWeight(),
                        knnWeight,
                        themeOffsets,
                        decisive,
                        neighbours,
                        training)
                .withContentVersion();
    }

    /**
     * The decisive-keyword rule, kept only if the tuning posts that name one of {@link KeywordStage#DECISIVE} are
     * security at least as often as the target precision (Laplace-smoothed, and at least 10 such posts).
     */
    static ModelArtefact.DecisiveKeywords decisiveKeywords(
            TrainingSet set, KeywordStage keywords, double targetPrecision) {
        ModelArtefact.DecisiveKeywords candidate = new ModelArtefact.DecisiveKeywords(KeywordStage.DECISIVE, 0, 0);
        int posts = 0;
        int security = 0;
        for (int i = 0; i < set.size(); i++) {
            LabelledPost p = set.posts().get(i);
            if (set.tune()[i] && p.isSecurity() != null && candidate.matchesAny(keywords.match(p.text()))) {
                posts++;
                security += p.isSecurity();
            }
        }
        double precision = (security + 1.0) / (posts + 2.0);
        if (posts < 10 || precision < targetPrecision) {
            return ModelArtefact.DecisiveKeywords.NONE;
        }
        return new ModelArtefact.DecisiveKeywords(KeywordStage.DECISIVE, precision, posts);
    }

    private static Features[] features(TrainingSet set, FeatureLayout layout, KeywordStage keywords) {
        Features[] feats = new Features[set.size()];
        for (int i = 0; i < set.size(); i++) {
            String text = set.posts().get(i).text();
            feats[i] = layout.features(text, set.embeddings()[i], keywords.features(keywords.match(text)));
        }
        return feats;
    }

    /** The layout the theme heads train on: the shared one, with the theme's block scales where they are set. */
    private FeatureLayout themeLayout(FeatureLayout shared) {
        float emb = options.themeEmbeddingScale() > 0 && shared.embeddingScale() > 0
                ? options.themeEmbeddingScale()
                : shared.embeddingScale();
        float kw = options.themeKeywordScale() > 0 && shared.keywordScale() > 0
                ? options.themeKeywordScale()
                : shared.keywordScale();
        return new FeatureLayout(shared.tfidf(), shared.embeddingDim(), shared.keywordCount(), emb, kw);
    }

    /**
     * The same head over {@code to}'s feature vector: a block scaled by s in {@code from} and by t in {@code to} has
     * its weights multiplied by s / t, so every score is unchanged.
     */
    static LinearHead rescaled(LinearHead head, FeatureLayout from, FeatureLayout to) {
        if (from.equals(to)) {
            return head;
        }
        float[] w = head.weights().clone();
        int base = to.tfidf().size();
        float emb = from.embeddingScale() / to.embeddingScale();
        for (int d = 0; d < to.embeddingDim(); d++) {
            w[base + d] *= emb;
        }
        base += to.embeddingDim();
        float kw = from.keywordScale() / to.keywordScale();
        for (int k = 0; k < to.keywordCount(); k++) {
            w[base + k] *= kw;
        }
        return new LinearHead(head.label(), w, head.bias(), head.plattA(), head.plattB());
    }

    private static boolean isSecurity(LabelledPost p) {
        return p.isSecurity() != null && p.isSecurity() == 1;
    }

    private static boolean hasBothClasses(List<Integer> idx, double[] y) {
        boolean pos = false;
        boolean neg = false;
        for (int j : idx) {
            pos |= y[j] == 1;
            neg |= y[j] == 0;
        }
        return pos && neg;
    }

    /**
     * Out-of-fold decision values of the security head, folds grouped by repository; {@code vote} receives each
     * row's out-of-fold neighbour vote (security share among the 15 nearest labelled, non-weak training posts).
     */
    private double[] outOfFoldScores(
            TrainingSet set, Features[] feats, int[] rows, double[] y, int n, double cSecurity, double[] vote) {
        List<LabelledPost> sub = new ArrayList<>();
        for (int r : rows) {
            sub.add(set.posts().get(r));
        }
        int k = options.innerFolds();
        int[] fold = GroupedFolds.assign(sub, k, options.seed() + 1);
        double[] out = new double[rows.length];
        for (int f = 0; f < k; f++) {
            List<Integer> tr = new ArrayList<>();
            for (int j = 0; j < rows.length; j++) {
                if (fold[j] != f) {
                    tr.add(j);
                }
            }
            int[] trRows = new int[tr.size()];
            double[] trY = new double[tr.size()];
            for (int j = 0; j < tr.size(); j++) {
                trRows[j] = rows[tr.get(j)];
                trY[j] = y[tr.get(j)];
            }
            LinearHead h = fit("oof", feats, trRows, trY, n, cSecurity, 0);
            NeighbourIndex index = options.knnSecurity() ? neighbourIndex(set, trRows) : null;
            for (int j = 0; j < rows.length; j++) {
                if (fold[j] == f) {
                    out[j] = h.score(feats[rows[j]]);
                    if (index != null) {
                        float[] e = set.embeddings()[rows[j]];
                        vote[j] = index.securityVote(index.search(e, 15));
                    }
                }
            }
        }
        return out;
    }

    /** Per-theme offsets fitted on out-of-fold theme probabilities (inner split grouped by repository). */
    private double[] themeOffsets(TrainingSet set, Features[] feats, int[] rows, int n) {
        List<LabelledPost> sub = new ArrayList<>();
        for (int r : rows) {
            sub.add(set.posts().get(r));
        }
        int k = options.innerFolds();
        int[] fold = GroupedFolds.assign(sub, k, options.seed() + 2);
        double[][] probs = new double[rows.length][];
        int[] truth = new int[rows.length];
        for (int j = 0; j < rows.length; j++) {
            truth[j] = set.posts().get(rows[j]).theme().ordinal();
        }
        for (int f = 0; f < k; f++) {
            List<Integer> tr = new ArrayList<>();
            for (int j = 0; j < rows.length; j++) {
                if (fold[j] != f) {
                    tr.add(j);
                }
            }
            int[] trRows = tr.stream().mapToInt(j -> rows[j]).toArray();
            List<LinearHead> heads = new ArrayList<>();
            for (Theme t : Theme.values()) {
                double[] y = new double[trRows.length];
                for (int j = 0; j < trRows.length; j++) {
                    y[j] = set.posts().get(trRows[j]).theme() == t ? 1 : 0;
                }
                heads.add(fit(t.name(), feats, trRows, y, n, options.cTheme(), options.positiveWeightPower()));
            }
            // The vote's neighbours are the other folds' labelled posts, as at prediction time.
            List<Integer> others = new ArrayList<>();
            for (int i = 0; i < set.size(); i++) {
                if (!contains(rows, fold, f, i)) {
                    others.add(i);
                }
            }
            NeighbourIndex index = neighbourIndex(
                    set, others.stream().mapToInt(Integer::intValue).toArray());
            for (int j = 0; j < rows.length; j++) {
                if (fold[j] != f) {
                    continue;
                }
                double[] sig = new double[heads.size()];
                for (int t = 0; t < sig.length; t++) {
                    sig[t] = LinearHead.sigmoid(heads.get(t).score(feats[rows[j]]));
                }
                double gamma = options.knnThemeWeight();
                double[] vote = gamma > 0 ? index.themeVote(index.search(set.embeddings()[rows[j]], 15)) : null;
                probs[j] = ThemeBlend.probabilities(sig, vote, gamma, null);
            }
        }
        return ThemeOffsets.fit(probs, truth);
    }

    /** Whether post {@code i} is one of the themed rows held out in fold {@code f}. */
    private static boolean contains(int[] rows, int[] fold, int f, int i) {
        for (int j = 0; j < rows.length; j++) {
            if (rows[j] == i && fold[j] == f) {
                return true;
            }
        }
        return false;
    }

    /** Neighbour index over the distinct, labelled, non-weak posts among these rows. */
    private static NeighbourIndex neighbourIndex(TrainingSet set, int[] rows) {
        List<LabelledPost> posts = new ArrayList<>();
        List<float[]> emb = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int r : rows) {
            if (seen.add(r) && !set.weak()[r] && set.posts().get(r).isSecurity() != null) {
                posts.add(set.posts().get(r));
                emb.add(set.embeddings()[r]);
            }
        }
        return NeighbourIndexes.of(posts, emb.toArray(new float[0][]));
    }

    /**
     * L2-regularised logistic regression; a head whose training side has one class only scores a constant. The
     * positive class is weighted {@code (negatives / positives)^power}: 0 leaves classes as they are, 1 balances them.
     */
    private LinearHead fit(String label, Features[] feats, int[] rows, double[] y, int n, double c, double power) {
        int pos = 0;
        for (double v : y) {
            pos += v == 1 ? 1 : 0;
        }
        if (pos == 0 || pos == y.length) {
            double prior = (pos + 0.5) / (y.length + 1.0);
            return new LinearHead(label, new float[n], Math.log(prior / (1 - prior)), 1.0, 0.0);
        }
        Problem problem = new Problem();
        problem.l = rows.length;
        problem.n = n + 1;
        problem.bias = 1.0;
        problem.y = y.clone();
        problem.x = new Feature[rows.length][];
        for (int j = 0; j < rows.length; j++) {
            Features f = feats[rows[j]];
            Feature[] x = new Feature[f.indices().length + 1];
            for (int k = 0; k < f.indices().length; k++) {
                x[k] = new FeatureNode(f.indices()[k] + 1, f.values()[k]);
            }
            x[x.length - 1] = new FeatureNode(n + 1, 1.0);
            problem.x[j] = x;
        }
        Parameter param = new Parameter(SolverType.L2R_LR, c, 0.001);
        param.setRandom(new Random(options.seed()));
        // A regularised bias pulls every head towards p = 0.5, which inflates rare themes when heads are compared.
        param.setRegularizeBias(options.regularizeBias());
        if (power > 0) {
            param.setWeights(new double[] {Math.pow((double) (y.length - pos) / pos, power), 1.0}, new int[] {1, 0});
        }
        Model model = Linear.train(problem, param);
        int labelIndex = model.getLabels()[0] == 1 ? 0 : 1;
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) model.getDecfunCoef(i + 1, labelIndex);
        }
        double bias = model.getDecfunCoef(n + 1, labelIndex);
        return new LinearHead(label, w, bias, 1.0, 0.0);
    }
}
