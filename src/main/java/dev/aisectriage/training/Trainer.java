package dev.aisectriage.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.classify.FeatureLayout;
import dev.aisectriage.classify.Features;
import dev.aisectriage.classify.KeywordMatch;
import dev.aisectriage.classify.KeywordStage;
import dev.aisectriage.classify.LinearHead;
import dev.aisectriage.classify.ModelArtefact;
import dev.aisectriage.classify.NeighbourIndex;
import dev.aisectriage.classify.PostText;
import dev.aisectriage.classify.Taxonomy;
import dev.aisectriage.classify.TfIdfVectorizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains the heads on precomputed embeddings: security yes/no (Platt-calibrated on out-of-fold scores, threshold
 * chosen for precision on the tuning posts), four theme heads and one head per issue type, all logistic regression
 * (liblinear) over TF-IDF + embedding + keyword features. Deterministic for a given seed.
 */
public final class Trainer {

    /** Features of every post of a set under a layout. */
    interface FeatureMaker {
        Features[] of(TrainingSet set, FeatureLayout layout);
    }

    private final TrainerOptions options;
    private final Taxonomy taxonomy;
    private final ModelArtefact.EncoderSpec encoder;
    private final HeadFitter fitter;

    /** Posts already read by the keyword stage, by text: cross-validation reads each post once for all folds. */
    private final Map<String, KeywordMatch> reads;

    public Trainer(TrainerOptions options, Taxonomy taxonomy, ModelArtefact.EncoderSpec encoder) {
        this(options, taxonomy, encoder, new HashMap<>());
    }

    Trainer(
            TrainerOptions options,
            Taxonomy taxonomy,
            ModelArtefact.EncoderSpec encoder,
            Map<String, KeywordMatch> reads) {
        this.options = options;
        this.taxonomy = taxonomy;
        this.encoder = encoder;
        this.fitter = new HeadFitter(options.seed(), options.regularizeBias());
        this.reads = reads;
    }

    public ModelArtefact train(TrainingSet set) {
        KeywordStage keywords = new KeywordStage(options.blankSenses());
        KeywordMatch[] matches = new KeywordMatch[set.size()];
        for (int i = 0; i < set.size(); i++) {
            matches[i] = reads.computeIfAbsent(set.posts().get(i).text(), t -> keywords.read(PostText.of(t)));
        }
        FeatureMaker features = (s, layout) -> features(s, layout, matches);
        boolean[] namesDecisive = new boolean[set.size()];
        boolean[] asksAboutATopic = new boolean[set.size()];
        ModelArtefact.DecisiveKeywords classes = new ModelArtefact.DecisiveKeywords(KeywordStage.DECISIVE, 0, 0);
        for (int i = 0; i < set.size(); i++) {
            namesDecisive[i] = classes.matchesAny(matches[i].proseNames());
            asksAboutATopic[i] = options.questionsNeedEvidence() && matches[i].asksAboutATopicOnly();
        }
        FeatureLayout layout = layout(set, keywords, matches);
        Features[] feats = features.of(set, layout);
        int n = layout.size();
        SecurityHeadTrainer.SecurityHead security =
                new SecurityHeadTrainer(options, fitter).train(set, feats, n, namesDecisive, asksAboutATopic);
        ThemeHeadTrainer.ThemeHeads themes = new ThemeHeadTrainer(options, fitter).train(set, layout, feats, features);
        ModelArtefact.Cascade cascade = options.cascade()
                ? new CascadeTrainer(options, fitter).train(set, layout, features, namesDecisive, security)
                : null;
        int[] codedRows = codedRows(set);
        List<LinearHead> issueHeads = issueHeads(set, feats, codedRows, n);
        return new ModelArtefact(
                        "unversioned",
                        encoder,
                        layout,
                        keywords.featureNames(),
                        taxonomy.issueTypes(),
                        security.head(),
                        security.threshold(),
                        security.abstainFrom(),
                        themes.heads(),
                        issueHeads,
                        options.themeWeightInIssueScore(),
                        options.issueWeightInThemeScore(),
                        options.knnThemeWeight(),
                        security.knnWeight(),
                        themes.offsets(),
                        security.decisive(),
                        neighbours(set),
                        summary(set, security, themes, codedRows.length, layout.tfidf()),
                        cascade)
                .withContentVersion();
    }

    /** TF-IDF fitted on every post the heads may see (weak negatives only if they are used), then the blocks' scales. */
    private FeatureLayout layout(TrainingSet set, KeywordStage keywords, KeywordMatch[] matches) {
        FeatureLayout.Reading reading = new FeatureLayout.Reading(
                options.wordsFromProse(),
                options.keywordSegments(),
                options.keywordCues(),
                options.blankSenses(),
                options.plainWordsEvidence(),
                options.topicsNeedEvidence(),
                options.questionsNeedEvidence());
        FeatureLayout unfitted = new FeatureLayout(null, 0, 0, 0, 0, reading);
        List<String> vocabDocs = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            if (!set.weak()[i] || options.useWeakNegatives()) {
                vocabDocs.add(unfitted.words(matches[i].post()));
            }
        }
        TfIdfVectorizer tfidf = TfIdfVectorizer.fit(vocabDocs, options.minDf(), options.maxTerms());
        int dim = set.embeddings().length == 0 ? 384 : set.embeddings()[0].length;
        return new FeatureLayout(
                tfidf, dim, keywords.featureNames().size(), options.embeddingScale(), options.keywordScale(), reading);
    }

    private static Features[] features(TrainingSet set, FeatureLayout layout, KeywordMatch[] matches) {
        if (set.size() != matches.length) {
            throw new IllegalArgumentException("features asked for another set of posts than the one matched");
        }
        Features[] feats = new Features[set.size()];
        for (int i = 0; i < set.size(); i++) {
            feats[i] = layout.features(matches[i], set.embeddings()[i]);
        }
        return feats;
    }

    /** Security posts that carry issue codes: what the issue-type heads learn from. */
    private static int[] codedRows(TrainingSet set) {
        List<Integer> coded = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            LabelledPost p = set.posts().get(i);
            if (Rows.isSecurity(p) && !p.issueCodes().isEmpty()) {
                coded.add(i);
            }
        }
        return Rows.toArray(coded);
    }

    /** One-vs-rest head per issue type of the taxonomy, in taxonomy order. */
    private List<LinearHead> issueHeads(TrainingSet set, Features[] feats, int[] rows, int n) {
        List<LinearHead> heads = new ArrayList<>();
        for (Taxonomy.IssueType type : taxonomy.issueTypes()) {
            double[] y = new double[rows.length];
            for (int j = 0; j < rows.length; j++) {
                y[j] = set.posts().get(rows[j]).issueCodes().contains(type.id()) ? 1 : 0;
            }
            heads.add(fitter.fit(type.id(), feats, rows, y, n, options.cIssue(), options.positiveWeightPower()));
        }
        return heads;
    }

    /** The labelled AI-project and study posts (not the weak negatives), ids and links only. */
    private static NeighbourIndex neighbours(TrainingSet set) {
        List<LabelledPost> posts = new ArrayList<>();
        List<float[]> emb = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            if (!set.weak()[i] && set.posts().get(i).isSecurity() != null) {
                posts.add(set.posts().get(i));
                emb.add(set.embeddings()[i]);
            }
        }
        return NeighbourIndexes.of(posts, emb.toArray(new float[0][]));
    }

    /** What the artefact records about its training: sizes and settings, never post text. */
    private ObjectNode summary(
            TrainingSet set,
            SecurityHeadTrainer.SecurityHead security,
            ThemeHeadTrainer.ThemeHeads themes,
            int issueTypePosts,
            TfIdfVectorizer tfidf) {
        ObjectNode training = new ObjectMapper().createObjectNode();
        training.put("seed", options.seed());
        training.put("posts", set.size());
        training.put("security_posts_used", security.rows());
        training.put("weak_negatives_used", options.useWeakNegatives());
        training.put("theme_posts", themes.rows());
        training.put("issue_type_posts", issueTypePosts);
        training.put("tuning_posts", security.tuningPosts());
        training.put("c_security", options.cSecurity());
        training.put("c_theme", options.cTheme());
        training.put("c_issue", options.cIssue());
        training.put("target_precision", options.targetPrecision());
        training.put("security_weight_ai_issues", options.tuneReplicas());
        training.put("security_weight_paper_posts", options.paperWeight());
        training.put("security_weight_weak_negatives", options.weakWeight());
        training.put("security_weight_soft_labels", options.softWeight());
        training.put("vocabulary_size", tfidf.size());
        training.put("decisive_keywords_on_tuning_posts", security.decisive().posts());
        ObjectNode point = training.putObject("operating_point_out_of_fold");
        point.put("threshold", security.threshold());
        point.put("abstain_from", security.abstainFrom());
        point.put("ai_issue_precision", security.estimate().precision());
        point.put("ai_issue_recall", security.estimate().recall());
        point.put("ordinary_flagged", security.estimate().ordinaryFlagged());
        point.put("ordinary_abstained", security.estimate().ordinaryAbstained());
        point.put("look_alike_flagged", security.estimate().lookAlikeFlagged());
        point.put("look_alike_flagged_or_abstained", security.estimate().lookAlikeFlaggedOrAbstained());
        return training;
    }
}
