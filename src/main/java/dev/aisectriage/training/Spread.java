package dev.aisectriage.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** The spread of cross-validation figures: mean and sd over the folds of one split, and the mean over splits. */
public final class Spread {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The figures whose spread over folds is reported, as JSON pointers into a report. */
    static final List<String> FIGURES = List.of(
            "/security/precision",
            "/security/recall",
            "/security/f1",
            "/security/mcc",
            "/theme/primary_accuracy",
            "/theme/among_labelled",
            "/theme/macro_f1",
            "/issue_codes/top3_recall",
            "/solutions/first_fix",
            "/solutions/hit_at_3");

    /** The subsets of {@code mean_sd} whose figures are compared over splits. */
    private static final List<String> SUBSETS =
            List.of("all", "ai_issues", "ai_issues_high_confidence", "ai_issues_full_model");

    /** Pooled out-of-fold figures of a tracker's stream compared over splits, as JSON pointers into a report. */
    static final List<String> STREAM_FIGURES = List.of(
            "/quiet/ordinary_posts/flagged_per_1000",
            "/quiet/ordinary_posts/abstained_per_1000",
            "/quiet/high_confidence/ordinary_posts/flagged_per_1000",
            "/quiet/high_confidence/ordinary_posts/abstained_per_1000",
            "/quiet/groups/report/flagged_share",
            "/quiet/high_confidence/groups/report/flagged_share",
            "/quiet/groups/look-alike/flagged_share",
            "/quiet/groups/look-alike/flagged_or_abstained_share",
            "/quiet/high_confidence/groups/look-alike/flagged_share",
            "/quiet/high_confidence/groups/look-alike/flagged_or_abstained_share",
            "/quiet/groups/homonym/flagged_share",
            "/quiet/high_confidence/groups/homonym/flagged_share",
            "/quiet/groups/ordinary/flagged_share",
            "/quiet/groups/ordinary/abstained_share",
            "/quiet/expected_precision/base_rate_0.01/ordinary_stream",
            "/quiet/expected_precision/base_rate_0.03/ordinary_stream",
            "/quiet/expected_precision/base_rate_0.10/ordinary_stream",
            "/quiet/expected_precision/base_rate_0.03/with_look_alikes",
            "/quiet/study_posts/theme/primary_accuracy",
            "/pooled/ai_issues/security/mcc",
            "/pooled/ai_issues/security/precision",
            "/pooled/ai_issues/security/recall",
            "/pooled/ai_issues_high_confidence/security/mcc",
            "/pooled/ai_issues/theme/among_labelled",
            "/cascade/reaching_encoder_share");

    private Spread() {}

    /** Per figure, its mean and sample standard deviation over the reports (one per fold). */
    static ObjectNode meanSd(List<ObjectNode> reports) {
        ObjectNode out = JSON.createObjectNode();
        for (String pointer : FIGURES) {
            List<Double> v = new ArrayList<>();
            for (ObjectNode r : reports) {
                JsonNode n = r.at(pointer);
                if (n.isNumber()) {
                    v.add(n.asDouble());
                }
            }
            String key = key(pointer);
            if (v.isEmpty()) {
                out.putNull(key);
                continue;
            }
            double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double var = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / Math.max(1, v.size() - 1);
            ObjectNode o = out.putObject(key);
            o.put("mean", round3(mean));
            o.put("sd", round3(Math.sqrt(var)));
        }
        return out;
    }

    /**
     * The figures of several cross-validations of the same posts, one per seed (each seed its own split): per figure
     * and subset, each split's mean over its folds and the mean of those; per stream figure, each split's pooled
     * value and their mean.
     */
    public static ObjectNode overSplits(List<Long> seeds, List<ObjectNode> reports) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode s = out.putArray("seeds");
        seeds.forEach(s::add);
        ObjectNode figures = out.putObject("figures");
        for (String pointer : FIGURES) {
            ObjectNode f = figures.putObject(key(pointer));
            for (String subset : SUBSETS) {
                perSplit(f.putObject(subset), reports, "/mean_sd/" + subset + "/" + key(pointer) + "/mean");
            }
        }
        ObjectNode stream = out.putObject("stream");
        for (String pointer : STREAM_FIGURES) {
            perSplit(stream.putObject(pointer.substring(1)), reports, pointer);
        }
        return out;
    }

    private static void perSplit(ObjectNode into, List<ObjectNode> reports, String pointer) {
        ArrayNode per = into.putArray("per_split");
        double sum = 0;
        int n = 0;
        for (ObjectNode r : reports) {
            JsonNode v = r.at(pointer);
            if (v.isNumber()) {
                per.add(v.asDouble());
                sum += v.asDouble();
                n++;
            } else {
                per.addNull();
            }
        }
        if (n == 0) {
            into.putNull("mean");
        } else {
            into.put("mean", round3(sum / n));
        }
    }

    private static String key(String pointer) {
        return pointer.substring(1).replace('/', '.');
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
