package dev.aisectriage.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.catalogue.SolutionRecommender;
import dev.aisectriage.classify.Metrics;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Theme;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Computes the figures of {@code eval} from labelled posts and what the classifier said about them. */
public final class Evaluation {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Evaluation() {}

    /** One evaluated post. */
    public record Scored(LabelledPost post, Prediction prediction, double latencyMs) {}

    /**
     * The report: {@code n}, {@code security}, {@code theme}, {@code issue_codes}, {@code solutions},
     * {@code latency_ms}. {@code recommender} may be null, then {@code solutions.first_fix} and {@code hit_at_3} are null.
     */
    public static ObjectNode report(List<Scored> items, SolutionRecommender recommender) {
        ObjectNode root = JSON.createObjectNode();
        root.put("n", items.size());
        putSecurity(root.putObject("security"), items);
        putTheme(root.putObject("theme"), items);
        putIssueCodes(root.putObject("issue_codes"), items);
        SolutionEvaluation.put(root.putObject("solutions"), items, recommender);
        putLatency(root.putObject("latency_ms"), items);
        return root;
    }

    /** The security confusion matrix of the posts labelled security or not, and its figures. */
    private static void putSecurity(ObjectNode sec, List<Scored> items) {
        long tp = 0;
        long fp = 0;
        long tn = 0;
        long fn = 0;
        for (Scored s : items) {
            if (s.post().isSecurity() == null) {
                continue;
            }
            boolean truth = s.post().isSecurity() == 1;
            boolean pred = s.prediction().security();
            if (truth && pred) {
                tp++;
            } else if (pred) {
                fp++;
            } else if (truth) {
                fn++;
            } else {
                tn++;
            }
        }
        sec.put("n", tp + fp + tn + fn);
        sec.put("precision", r(Metrics.precision(tp, fp)));
        sec.put("recall", r(Metrics.recall(tp, fn)));
        sec.put("f1", r(Metrics.f1(tp, fp, fn)));
        sec.put("mcc", r(Metrics.mcc(tp, fp, tn, fn)));
        sec.put("tp", tp);
        sec.put("fp", fp);
        sec.put("tn", tn);
        sec.put("fn", fn);
    }

    /** The primary theme's accuracy over the security posts with a labelled theme, and per theme its figures. */
    private static void putTheme(ObjectNode theme, List<Scored> items) {
        // per theme: {true positives, false positives, false negatives}
        Map<Theme, long[]> perTheme = new EnumMap<>(Theme.class);
        for (Theme t : Theme.values()) {
            perTheme.put(t, new long[3]);
        }
        long themed = 0;
        long correct = 0;
        long amongLabelled = 0;
        for (Scored s : items) {
            LabelledPost p = s.post();
            if (p.isSecurity() == null || p.isSecurity() != 1 || p.theme() == null) {
                continue;
            }
            themed++;
            Theme predicted = s.prediction().primaryTheme();
            if (predicted == p.theme() || p.themes().contains(predicted)) {
                amongLabelled++;
            }
            if (predicted == p.theme()) {
                correct++;
                perTheme.get(p.theme())[0]++;
            } else {
                perTheme.get(predicted)[1]++;
                perTheme.get(p.theme())[2]++;
            }
        }
        theme.put("n", themed);
        theme.put("primary_accuracy", themed == 0 ? null : r((double) correct / themed));
        // The theme the bot labels is right if it is any of the post's labelled themes.
        theme.put("among_labelled", themed == 0 ? null : r((double) amongLabelled / themed));
        putPerTheme(theme, perTheme);
    }

    /** Per theme its support, precision, recall and F1; their macro mean over the themes with support. */
    private static void putPerTheme(ObjectNode theme, Map<Theme, long[]> perTheme) {
        ObjectNode per = JSON.createObjectNode();
        double f1Sum = 0;
        int f1Count = 0;
        for (Theme t : Theme.values()) {
            long[] c = perTheme.get(t);
            ObjectNode o = per.putObject(t.name());
            o.put("support", c[0] + c[2]);
            o.put("precision", r(Metrics.precision(c[0], c[1])));
            o.put("recall", r(Metrics.recall(c[0], c[2])));
            double f1 = Metrics.f1(c[0], c[1], c[2]);
            o.put("f1", r(f1));
            if (c[0] + c[2] > 0) {
                f1Sum += f1;
                f1Count++;
            }
        }
        theme.put("macro_f1", f1Count == 0 ? null : r(f1Sum / f1Count));
        theme.set("per_theme", per);
    }

    /** How often a post's labelled issue codes are among the top three predicted issue types, overall and per code. */
    private static void putIssueCodes(ObjectNode codes, List<Scored> items) {
        long coded = 0;
        long hit = 0;
        Map<String, long[]> perType = new TreeMap<>();
        for (Scored s : items) {
            if (s.post().issueCodes().isEmpty()) {
                continue;
            }
            coded++;
            Set<String> truth = new HashSet<>(s.post().issueCodes());
            Set<String> top3 = new HashSet<>();
            List<Prediction.IssueTypeScore> top = s.prediction().issueTypes();
            for (int i = 0; i < Math.min(3, top.size()); i++) {
                top3.add(top.get(i).id());
            }
            if (top3.stream().anyMatch(truth::contains)) {
                hit++;
            }
            for (String code : truth) {
                long[] c = perType.computeIfAbsent(code, k -> new long[2]);
                c[0]++;
                c[1] += top3.contains(code) ? 1 : 0;
            }
        }
        codes.put("n", coded);
        codes.put("top3_recall", coded == 0 ? null : r((double) hit / coded));
        // Per issue type: the share of posts carrying that code where it is among the top 3.
        ObjectNode types = codes.putObject("per_type_in_top3");
        perType.forEach((code, c) -> types.putObject(code).put("n", c[0]).put("recall", r((double) c[1] / c[0])));
    }

    private static void putLatency(ObjectNode latency, List<Scored> items) {
        double[] lat = items.stream().mapToDouble(Scored::latencyMs).sorted().toArray();
        latency.put("p50", lat.length == 0 ? null : r(Metrics.percentile(lat, 50)));
        latency.put("p99", lat.length == 0 ? null : r(Metrics.percentile(lat, 99)));
    }

    /** Keeps the items for which {@code keep} holds. */
    public static List<Scored> where(List<Scored> items, java.util.function.Predicate<Scored> keep) {
        List<Scored> out = new ArrayList<>();
        for (Scored s : items) {
            if (keep.test(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static double r(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    /**
     * One scored post as a JSON object (id, labels, what was predicted; never the text): the lines of
     * {@code eval --predictions}.
     */
    public static ObjectNode predictionLine(Scored s, boolean aiIssue) {
        ObjectNode o = JSON.createObjectNode();
        LabelledPost post = s.post();
        Prediction p = s.prediction();
        o.put("id", post.id());
        o.put("file", post.file());
        o.put("ai_issue", aiIssue);
        o.put("group", post.group());
        o.put("label_confidence", post.labelConfidence());
        if (post.isSecurity() == null) {
            o.putNull("is_security");
        } else {
            o.put("is_security", post.isSecurity());
        }
        o.put("predicted_security", p.security());
        o.put("security_probability", Math.round(p.securityProbability() * 10_000) / 10_000.0);
        o.put("theme", post.theme() == null ? null : post.theme().name());
        o.put("predicted_theme", p.primaryTheme().name());
        ArrayNode codes = o.putArray("issue_codes");
        post.issueCodes().forEach(codes::add);
        ArrayNode top = o.putArray("predicted_issue_types");
        p.issueTypes().stream().limit(3).forEach(t -> top.add(t.id()));
        ArrayNode kw = o.putArray("keywords");
        p.keywords().forEach(kw::add);
        return o;
    }
}
