package dev.aisectriage.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.catalogue.SolutionRecommender;
import dev.aisectriage.classify.HeadsModel;
import dev.aisectriage.classify.ModelArtefact;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Taxonomy;
import java.io.PrintStream;
import java.util.ArrayList;
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

    /** The figures whose spread is reported, as JSON pointers into a report. */
    static final List<String> FIGURES = List.of(
            "/security/precision",
            "/security/recall",
            "/security/f1",
            "/security/mcc",
            "/theme/primary_accuracy",
            "/theme/among_labelled",
            "/theme/macro_f1",
            "/issue_codes/top3_recall",
            "/solutions/hit_at_3");

    private CrossValidation() {}

    public static ObjectNode run(
            TrainingSet set,
            Taxonomy taxonomy,
            TrainerOptions options,
            ModelArtefact.EncoderSpec encoder,
            int k,
            Function<List<LabelledPost>, SolutionRecommender> recommenders,
            double abstainFrom,
            PrintStream log) {
        int[] fold = GroupedFolds.assign(set.posts(), k, options.seed());
        List<Evaluation.Scored> pooled = new ArrayList<>();
        List<Evaluation.Scored> pooledFull = new ArrayList<>();
        List<Boolean> pooledTune = new ArrayList<>();
        List<Character> roles = new ArrayList<>();
        List<ObjectNode> fullTuneReports = new ArrayList<>();
        int encoded = 0;
        int encodedTune = 0;
        // each out-of-fold prediction is scored by the recommender of its own fold, also when pooled
        Map<Prediction, SolutionRecommender> recommenderOf = new IdentityHashMap<>();
        ArrayNode folds = JSON.createArrayNode();
        List<ObjectNode> allReports = new ArrayList<>();
        List<ObjectNode> tuneReports = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<Integer> tr = new ArrayList<>();
            List<Integer> te = new ArrayList<>();
            for (int i = 0; i < set.size(); i++) {
                (fold[i] == f ? te : tr).add(i);
            }
            TrainingSet train =
                    set.subset(tr.stream().mapToInt(Integer::intValue).toArray());
            ModelArtefact artefact = new Trainer(options, taxonomy, encoder).train(train);
            HeadsModel heads = new HeadsModel(artefact);
            SolutionRecommender rec = recommenders == null ? null : recommenders.apply(train.posts());
            List<Evaluation.Scored> scored = new ArrayList<>();
            List<Evaluation.Scored> scoredTune = new ArrayList<>();
            List<Evaluation.Scored> fullTune = new ArrayList<>();
            for (int i : te) {
                long t0 = System.nanoTime();
                // The cascade as served: the cheap stage settles what it can; the full model (encoder) the rest.
                Prediction full = heads.predict(set.posts().get(i).text(), set.embeddings()[i]);
                Optional<Prediction> settled = heads.settle(set.posts().get(i).text());
                Prediction p = settled.orElse(full);
                encoded += settled.isEmpty() ? 1 : 0;
                encodedTune += settled.isEmpty() && set.tune()[i] ? 1 : 0;
                Evaluation.Scored s = new Evaluation.Scored(set.posts().get(i), p, (System.nanoTime() - t0) / 1e6);
                pooledFull.add(new Evaluation.Scored(set.posts().get(i), full, 0));
                roles.add(set.tune()[i] ? 'T' : set.weak()[i] ? 'W' : 'P');
                if (set.tune()[i]) {
                    fullTune.add(pooledFull.get(pooledFull.size() - 1));
                }
                scored.add(s);
                pooled.add(s);
                if (rec != null) {
                    recommenderOf.put(p, rec);
                }
                pooledTune.add(set.tune()[i]);
                if (set.tune()[i]) {
                    scoredTune.add(s);
                }
            }
            ObjectNode all = Evaluation.report(scored, rec);
            ObjectNode tune = Evaluation.report(scoredTune, rec);
            allReports.add(all);
            tuneReports.add(tune);
            fullTuneReports.add(Evaluation.report(fullTune, null));
            ObjectNode fn = folds.addObject();
            fn.put("fold", f);
            fn.put("train", tr.size());
            fn.put("test", te.size());
            fn.put("security_threshold", artefact.securityThreshold());
            fn.set("all", all);
            fn.set("ai_issues", tune);
            if (log != null) {
                log.printf(
                        "fold %d: test %d  all: mcc %.3f f1 %.3f p %.3f | ai issues: mcc %.3f f1 %.3f p %.3f r %.3f"
                                + " | theme acc %.3f macro-f1 %.3f | top3 %.3f | thr %.3f%n",
                        f,
                        te.size(),
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
                        artefact.securityThreshold());
            }
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("folds_k", k);
        root.put("grouped_by", "repo");
        root.put("seed", options.seed());
        root.put("weak_negatives_in_training", options.useWeakNegatives());
        ObjectNode spread = root.putObject("mean_sd");
        spread.set("all", meanSd(allReports));
        spread.set("ai_issues", meanSd(tuneReports));
        spread.set("ai_issues_full_model", meanSd(fullTuneReports));
        ObjectNode pooledNode = root.putObject("pooled");
        SolutionRecommender pooledRec = recommenderOf.isEmpty()
                ? null
                : (p, limit) -> recommenderOf.get(p).recommend(p, limit);
        pooledNode.set("all", Evaluation.report(pooled, pooledRec));
        List<Evaluation.Scored> pooledOnlyTune = new ArrayList<>();
        for (int i = 0; i < pooled.size(); i++) {
            if (pooledTune.get(i)) {
                pooledOnlyTune.add(pooled.get(i));
            }
        }
        pooledNode.set("ai_issues", Evaluation.report(pooledOnlyTune, pooledRec));
        List<Evaluation.Scored> pooledFullTune = new ArrayList<>();
        for (int i = 0; i < pooledFull.size(); i++) {
            if (pooledTune.get(i)) {
                pooledFullTune.add(pooledFull.get(i));
            }
        }
        pooledNode.set("ai_issues_full_model", Evaluation.report(pooledFullTune, null));
        ObjectNode cascade = root.putObject("cascade");
        cascade.put("posts", pooled.size());
        cascade.put("reaching_encoder", encoded);
        cascade.put("reaching_encoder_share", Math.round(1000.0 * encoded / Math.max(1, pooled.size())) / 1000.0);
        cascade.put("ai_issues", pooledOnlyTune.size());
        cascade.put("ai_issues_reaching_encoder", encodedTune);
        root.set("quiet", QuietReport.of(pooled, roles, abstainFrom));
        root.set("quiet_full_model", QuietReport.of(pooledFull, roles, abstainFrom));
        ObjectNode errors = root.putObject("ai_issue_errors");
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
        root.set("folds", folds);
        ArrayNode predictions = root.putArray("predictions");
        for (int i = 0; i < pooled.size(); i++) {
            predictions.add(Evaluation.predictionLine(pooled.get(i), pooledTune.get(i)));
        }
        return root;
    }

    /**
     * The figures of several cross-validations of the same posts, one per seed (each seed its own split): per figure
     * and subset, each split's mean over its folds and the mean of those.
     */
    public static ObjectNode overSplits(List<Long> seeds, List<ObjectNode> reports) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode s = out.putArray("seeds");
        seeds.forEach(s::add);
        ObjectNode figures = out.putObject("figures");
        for (String pointer : FIGURES) {
            String key = pointer.substring(1).replace('/', '.');
            ObjectNode f = figures.putObject(key);
            for (String subset : List.of("all", "ai_issues", "ai_issues_full_model")) {
                ObjectNode sub = f.putObject(subset);
                ArrayNode per = sub.putArray("per_split");
                double sum = 0;
                int n = 0;
                for (ObjectNode r : reports) {
                    JsonNode v = r.at("/mean_sd/" + subset + "/" + key + "/mean");
                    if (v.isNumber()) {
                        per.add(v.asDouble());
                        sum += v.asDouble();
                        n++;
                    } else {
                        per.addNull();
                    }
                }
                if (n == 0) {
                    sub.putNull("mean");
                } else {
                    sub.put("mean", Math.round(sum / n * 1000) / 1000.0);
                }
            }
        }
        return out;
    }

    private static ObjectNode meanSd(List<ObjectNode> reports) {
        ObjectNode out = JSON.createObjectNode();
        for (String pointer : FIGURES) {
            List<Double> v = new ArrayList<>();
            for (ObjectNode r : reports) {
                JsonNode n = r.at(pointer);
                if (n.isNumber()) {
                    v.add(n.asDouble());
                }
            }
            String key = pointer.substring(1).replace('/', '.');
            if (v.isEmpty()) {
                out.putNull(key);
                continue;
            }
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double var = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.size() - 1);
            ObjectNode o = out.putObject(key);
            o.put("mean", Math.round(mean * 1000) / 1000.0);
            o.put("sd", Math.round(Math.sqrt(var) * 1000) / 1000.0);
        }
        return out;
    }

    private static double d(JsonNode report, String pointer) {
        JsonNode n = report.at(pointer);
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
