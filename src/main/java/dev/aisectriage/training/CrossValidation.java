package dev.aisectriage.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.catalogue.SolutionRecommender;
import dev.aisectriage.classify.HeadsModel;
import dev.aisectriage.classify.KeywordMatch;
import dev.aisectriage.classify.ModelArtefact;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Taxonomy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * K-fold cross-validation grouped by repository: trains the heads on k-1 folds (thresholds tuned inside the training
 * side only) and predicts the held-out fold from cached embeddings. Reports every figure per fold, their mean and
 * standard deviation, and the pooled out-of-fold figures, on all posts and on the tuning (AI-project issue) posts.
 */
public final class CrossValidation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CrossValidation() {}

    public static ObjectNode run(
            TrainingSet set,
            Taxonomy taxonomy,
            TrainerOptions options,
            ModelArtefact.EncoderSpec encoder,
            int k,
            Function<List<LabelledPost>, SolutionRecommender> recommenders,
            Double abstainFrom,
            PrintStream log) {
        int[] fold = GroupedFolds.assign(set.posts(), k, options.seed());
        Outcome out = new Outcome();
        for (int f = 0; f < k; f++) {
            runFold(set, taxonomy, options, encoder, fold, f, recommenders, abstainFrom, out, log);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("folds_k", k);
        root.put("grouped_by", "repo");
        root.put("seed", options.seed());
        root.put("weak_negatives_in_training", options.useWeakNegatives());
        ObjectNode spread = root.putObject("mean_sd");
        spread.set("all", Spread.meanSd(out.allReports));
        spread.set("ai_issues", Spread.meanSd(out.tuneReports));
        spread.set("ai_issues_high_confidence", Spread.meanSd(out.confidentTuneReports));
        spread.set("ai_issues_full_model", Spread.meanSd(out.fullTuneReports));
        List<Evaluation.Scored> pooledOnlyTune = onlyTune(out.pooled, out.pooledTune);
        putPooled(root.putObject("pooled"), out, pooledOnlyTune);
        putCascade(root.putObject("cascade"), out, pooledOnlyTune.size());
        root.set("quiet", QuietReport.of(out.pooled, out.roles, out.abstainFrom));
        root.set("quiet_full_model", QuietReport.of(out.pooledFull, out.roles, out.abstainFrom));
        putErrors(root.putObject("ai_issue_errors"), pooledOnlyTune);
        root.set("folds", out.folds);
        ArrayNode predictions = root.putArray("predictions");
        for (int i = 0; i < out.pooled.size(); i++) {
            predictions.add(Evaluation.predictionLine(out.pooled.get(i), out.pooledTune.get(i)));
        }
        return root;
    }

    /** What the folds gathered: out-of-fold predictions in fold order, the per-fold reports, the cascade's counts. */
    private static final class Outcome {
        final List<Evaluation.Scored> pooled = new ArrayList<>();
        final List<Evaluation.Scored> pooledFull = new ArrayList<>();
        final List<Boolean> pooledTune = new ArrayList<>();
        final List<Character> roles = new ArrayList<>();
        final List<ObjectNode> allReports = new ArrayList<>();
        final List<ObjectNode> tuneReports = new ArrayList<>();
        final List<ObjectNode> confidentTuneReports = new ArrayList<>();
        final List<Double> abstainFrom = new ArrayList<>();
        // each post is read by the keyword stage once, for every fold
        final Map<String, KeywordMatch> reads = new HashMap<>();
        final List<ObjectNode> fullTuneReports = new ArrayList<>();
        // each out-of-fold prediction is scored by the recommender of its own fold, also when pooled
        final Map<Prediction, SolutionRecommender> recommenderOf = new IdentityHashMap<>();
        final ArrayNode folds = JSON.createArrayNode();
        int encoded = 0;
        int encodedTune = 0;
    }

    /** The held-out fold's predictions of one fold's scoring, on all posts and the tuning posts. */
    private record FoldScores(
            List<Evaluation.Scored> scored, List<Evaluation.Scored> scoredTune, List<Evaluation.Scored> fullTune) {}

    /** Trains on every fold but {@code f}, scores fold {@code f}, and records its reports in {@code out}. */
    private static void runFold(
            TrainingSet set,
            Taxonomy taxonomy,
            TrainerOptions options,
            ModelArtefact.EncoderSpec encoder,
            int[] fold,
            int f,
            Function<List<LabelledPost>, SolutionRecommender> recommenders,
            Double abstainFrom,
            Outcome out,
            PrintStream log) {
        List<Integer> tr = new ArrayList<>();
        List<Integer> te = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            (fold[i] == f ? te : tr).add(i);
        }
        TrainingSet train = set.subset(tr.stream().mapToInt(Integer::intValue).toArray());
        ModelArtefact artefact = new Trainer(options, taxonomy, encoder, out.reads).train(train);
        HeadsModel heads = new HeadsModel(artefact);
        SolutionRecommender rec = recommenders == null ? null : recommenders.apply(train.posts());
        FoldScores scores = scoreHeldOut(set, te, heads, rec, out);
        double edge = abstainFrom != null ? abstainFrom : artefact.abstainFrom();
        te.forEach(i -> out.abstainFrom.add(edge));
        ObjectNode all = Evaluation.report(scores.scored(), rec);
        ObjectNode tune = Evaluation.report(scores.scoredTune(), rec);
        out.allReports.add(all);
        out.tuneReports.add(tune);
        out.confidentTuneReports.add(Evaluation.report(confident(scores.scoredTune()), rec));
        out.fullTuneReports.add(Evaluation.report(scores.fullTune(), null));
        ObjectNode fn = out.folds.addObject();
        fn.put("fold", f);
        fn.put("train", tr.size());
        fn.put("test", te.size());
        fn.put("security_threshold", artefact.securityThreshold());
        fn.put("abstain_from", edge);
        fn.set("all", all);
        fn.set("ai_issues", tune);
        if (log != null) {
            logFold(log, f, te.size(), all, tune, artefact.securityThreshold(), edge);
        }
    }

    /** Predicts each held-out post as served (cascade) and with the full model, pooling both into {@code out}. */
    private static FoldScores scoreHeldOut(
            TrainingSet set, List<Integer> te, HeadsModel heads, SolutionRecommender rec, Outcome out) {
        List<Evaluation.Scored> scored = new ArrayList<>();
        List<Evaluation.Scored> scoredTune = new ArrayList<>();
        List<Evaluation.Scored> fullTune = new ArrayList<>();
        for (int i : te) {
            long t0 = System.nanoTime();
            // The cascade as served: the cheap stage settles what it can; the full model (encoder) the rest.
            KeywordMatch read = out.reads.computeIfAbsent(set.posts().get(i).text(), heads::read);
            Prediction full = heads.predict(read, set.embeddings()[i]);
            Optional<Prediction> settled = heads.settle(read);
            Prediction p = settled.orElse(full);
            out.encoded += settled.isEmpty() ? 1 : 0;
            out.encodedTune += settled.isEmpty() && set.tune()[i] ? 1 : 0;
            Evaluation.Scored s = new Evaluation.Scored(set.posts().get(i), p, (System.nanoTime() - t0) / 1e6);
            out.pooledFull.add(new Evaluation.Scored(set.posts().get(i), full, 0));
            out.roles.add(set.tune()[i] ? 'T' : set.weak()[i] ? 'W' : 'P');
            if (set.tune()[i]) {
                fullTune.add(out.pooledFull.get(out.pooledFull.size() - 1));
            }
            scored.add(s);
            out.pooled.add(s);
            if (rec != null) {
                out.recommenderOf.put(p, rec);
            }
            out.pooledTune.add(set.tune()[i]);
            if (set.tune()[i]) {
                scoredTune.add(s);
            }
        }
        return new FoldScores(scored, scoredTune, fullTune);
    }

    private static void logFold(
            PrintStream log, int f, int test, ObjectNode all, ObjectNode tune, double threshold, double edge) {
        log.printf(
                "fold %d: test %d  all: mcc %.3f f1 %.3f p %.3f | ai issues: mcc %.3f f1 %.3f p %.3f r %.3f"
                        + " | theme acc %.3f macro-f1 %.3f | top3 %.3f | thr %.3f abstain from %.2f%n",
                f,
                test,
                d(all, "/security/mcc"),
                d(all, "/security/f1"),
                d(all, "/security/precision"),
                d(tune, "/security/mcc"),
                d(tune, "/security/f1"),
                d(tune, "/security/precision"),
                d(tune, "/security/recall"),
                d(all, "/theme/primary_accuracy"),
                d(all, "/theme/macro_f1"),
                d(all, "/issue_codes/top3_recall"),
                threshold,
                edge);
    }

    /** The items whose labels were given with high confidence. */
    private static List<Evaluation.Scored> confident(List<Evaluation.Scored> items) {
        return Evaluation.where(items, s -> s.post().confident());
    }

    /** The items whose flag at the same index is true. */
    private static List<Evaluation.Scored> onlyTune(List<Evaluation.Scored> items, List<Boolean> tune) {
        List<Evaluation.Scored> kept = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (tune.get(i)) {
                kept.add(items.get(i));
            }
        }
        return kept;
    }

    /** The pooled out-of-fold reports: all posts, the tuning posts, and the tuning posts by the full model. */
    private static void putPooled(ObjectNode pooledNode, Outcome out, List<Evaluation.Scored> pooledOnlyTune) {
        SolutionRecommender pooledRec = out.recommenderOf.isEmpty()
                ? null
                : (p, limit) -> out.recommenderOf.get(p).recommend(p, limit);
        pooledNode.set("all", Evaluation.report(out.pooled, pooledRec));
        pooledNode.set("ai_issues", Evaluation.report(pooledOnlyTune, pooledRec));
        pooledNode.set("ai_issues_high_confidence", Evaluation.report(confident(pooledOnlyTune), pooledRec));
        pooledNode.set("ai_issues_full_model", Evaluation.report(onlyTune(out.pooledFull, out.pooledTune), null));
    }

    /** How many posts the cheap stage left to the encoder. */
    private static void putCascade(ObjectNode cascade, Outcome out, int aiIssues) {
        int posts = out.pooled.size();
        cascade.put("posts", posts);
        cascade.put("reaching_encoder", out.encoded);
        cascade.put("reaching_encoder_share", Math.round(1000.0 * out.encoded / Math.max(1, posts)) / 1000.0);
        cascade.put("ai_issues", aiIssues);
        cascade.put("ai_issues_reaching_encoder", out.encodedTune);
    }

    /** The tuning posts the cascade got wrong, as "id p=probability" lines. */
    private static void putErrors(ObjectNode errors, List<Evaluation.Scored> pooledOnlyTune) {
        ArrayNode fps = errors.putArray("false_positives");
        ArrayNode fns = errors.putArray("false_negatives");
        for (Evaluation.Scored s : pooledOnlyTune) {
            if (s.post().isSecurity() == null
                    || s.prediction().security() == (s.post().isSecurity() == 1)) {
                continue;
            }
            String line = s.post().id() + " p=" + s.prediction().securityProbability();
            (s.prediction().security() ? fps : fns).add(line);
        }
    }

    private static double d(JsonNode report, String pointer) {
        JsonNode n = report.at(pointer);
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
