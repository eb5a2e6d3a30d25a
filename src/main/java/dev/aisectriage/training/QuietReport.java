package dev.aisectriage.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How quiet the bot is on an ordinary tracker: false alarms and needs-triage labels per 1,000 ordinary posts, the
 * flag rate of each labelled group (reports, look-alikes, homonyms, ordinary posts), each figure also on the labels
 * given with high confidence, every file's own figures, and the precision to expect at the base rates of real
 * trackers.
 */
final class QuietReport {

    /** The study's codes for what the labelling guide does not call security (runtime compatibility, availability). */
    static final Set<String> COMPATIBILITY_CODES = Set.of(
            "file-format-and-loading-incompatibility",
            "software-dependencies-compatibility-issues",
            "environmental-compatibility-issues",
            "platform-api-availability-error");

    static final String RESOURCE_CODE = "system-resource-exhaustions";

    /** The group of everyday posts in the labelled files; with the weak negatives they are a tracker's stream. */
    static final String ORDINARY = "ordinary";

    static final String LOOK_ALIKE = "look-alike";

    /** Security shares of real trackers (and one above), for the expected precision. */
    private static final double[] BASE_RATES = {0.01, 0.03, 0.10};

    /** Share of look-alikes among a real stream's negatives, for the pessimistic expected precision. */
    private static final double LOOK_ALIKE_SHARE = 0.10;

    private static final ObjectMapper JSON = new ObjectMapper();

    private QuietReport() {}

    /**
     * @param roles      per scored post: 'T' AI-project post (tuning), 'W' weak negative, 'P' another labelled post
     * @param abstainFrom per scored post, the abstain band's lower edge of the model that scored it
     */
    static ObjectNode of(List<Evaluation.Scored> scored, List<Character> roles, List<Double> abstainFrom) {
        Tally all = new Tally();
        Tally confident = new Tally();
        Map<String, List<Evaluation.Scored>> byFile = new TreeMap<>();
        List<Evaluation.Scored> study = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Evaluation.Scored s = scored.get(i);
            if (s.post().isSecurity() == null) {
                continue;
            }
            char role = roles.get(i);
            double edge = abstainFrom.get(i);
            all.count(s, role, edge);
            if (s.post().confident()) {
                confident.count(s, role, edge);
            }
            if (s.post().file() != null) {
                byFile.computeIfAbsent(s.post().file(), f -> new ArrayList<>()).add(s);
            }
            if (role == 'P') {
                study.add(s);
            }
        }
        ObjectNode out = all.json();
        out.set("high_confidence", confident.json());
        ObjectNode files = out.putObject("files");
        byFile.forEach((f, items) -> files.set(f, fileReport(items)));
        out.set("study_posts", fileReport(study));
        return out;
    }

    /** A file's security and theme figures, without latency or solutions. */
    private static ObjectNode fileReport(List<Evaluation.Scored> items) {
        ObjectNode r = Evaluation.report(items, null);
        r.remove("latency_ms");
        r.remove("solutions");
        ((ObjectNode) r.get("issue_codes")).remove("per_type_in_top3");
        return r;
    }

    /** The counters of one report, each post counted in every group its role and labels put it in. */
    private static final class Tally {
        final Counter ordinary = new Counter();
        final Counter weak = new Counter();
        final Counter aiNegatives = new Counter();
        final Counter aiSecurity = new Counter();
        final Counter paperOutside = new Counter();
        final Map<String, Counter> groups = new LinkedHashMap<>();
        final ArrayNode lookAlikeFlagged = JSON.createArrayNode();

        Tally() {
            for (String g : List.of("report", LOOK_ALIKE, "homonym", ORDINARY)) {
                groups.put(g, new Counter());
            }
        }

        void count(Evaluation.Scored s, char role, double abstainFrom) {
            LabelledPost post = s.post();
            boolean flagged = s.prediction().security();
            boolean abstained = !flagged && s.prediction().securityProbability() >= abstainFrom;
            if (post.group() != null) {
                groups.computeIfAbsent(post.group(), g -> new Counter()).add(flagged, abstained);
                if (flagged && LOOK_ALIKE.equals(post.group())) {
                    lookAlikeFlagged.add(post.id() + " p=" + s.prediction().securityProbability());
                }
            }
            if (role == 'W' || ORDINARY.equals(post.group())) {
                ordinary.add(flagged, abstained);
            }
            if (role == 'W') {
                weak.add(flagged, abstained);
            } else if (role == 'T') {
                (post.isSecurity() == 1 ? aiSecurity : aiNegatives).add(flagged, abstained);
            } else if (post.isSecurity() == 1 && post.issueCodes().stream().noneMatch(COMPATIBILITY_CODES::contains)) {
                paperOutside.add(flagged, abstained);
            }
        }

        ObjectNode json() {
            ObjectNode out = JSON.createObjectNode();
            out.set("ordinary_posts", ordinary.json());
            out.set("weak_negatives", weak.json());
            ObjectNode g = out.putObject("groups");
            groups.forEach((name, c) -> g.set(name, c.json()));
            out.set("look_alikes_flagged", lookAlikeFlagged);
            out.set("ai_issue_security", aiSecurity.json());
            out.set("ai_issue_negatives", aiNegatives.json());
            out.set("paper_posts_outside_compatibility_and_availability", paperOutside.json());
            out.set("expected_precision", expectedPrecision());
            return out;
        }

        /**
         * Precision at a base rate b with recall R on the AI-project security posts and false-alarm rate F:
         * b·R / (b·R + (1−b)·F). F of the ordinary stream, and of a stream whose negatives are one tenth look-alikes.
         */
        ObjectNode expectedPrecision() {
            ObjectNode expected = JSON.createObjectNode();
            double recall = aiSecurity.rate();
            double f = ordinary.rate();
            double mixed = (1 - LOOK_ALIKE_SHARE) * f
                    + LOOK_ALIKE_SHARE * groups.get(LOOK_ALIKE).rate();
            for (double base : BASE_RATES) {
                ObjectNode b = expected.putObject(String.format(Locale.ROOT, "base_rate_%.2f", base));
                b.put("ordinary_stream", r(precision(base, recall, f)));
                b.put("with_look_alikes", r(precision(base, recall, mixed)));
            }
            return expected;
        }
    }

    private static double precision(double base, double tpr, double fpr) {
        double tp = base * tpr;
        double fp = (1 - base) * fpr;
        return tp + fp == 0 ? Double.NaN : tp / (tp + fp);
    }

    private static double r(double v) {
        return Double.isNaN(v) ? Double.NaN : Math.round(v * 10_000) / 10_000.0;
    }

    /** Posts, how many were flagged, how many fell in the abstain band. */
    private static final class Counter {
        int n;
        int flagged;
        int abstained;

        void add(boolean isFlagged, boolean isAbstained) {
            n++;
            flagged += isFlagged ? 1 : 0;
            abstained += isAbstained ? 1 : 0;
        }

        double rate() {
            return n == 0 ? Double.NaN : (double) flagged / n;
        }

        ObjectNode json() {
            ObjectNode o = JSON.createObjectNode();
            o.put("n", n);
            o.put("flagged", flagged);
            o.put("abstained", abstained);
            o.put("flagged_share", r(rate()));
            o.put("abstained_share", n == 0 ? Double.NaN : r((double) abstained / n));
            o.put("flagged_or_abstained_share", n == 0 ? Double.NaN : r((double) (flagged + abstained) / n));
            o.put("flagged_per_1000", n == 0 ? Double.NaN : Math.round(10_000.0 * flagged / n) / 10.0);
            o.put("abstained_per_1000", n == 0 ? Double.NaN : Math.round(10_000.0 * abstained / n) / 10.0);
            return o;
        }
    }
}
