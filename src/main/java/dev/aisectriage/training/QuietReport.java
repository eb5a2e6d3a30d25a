package dev.aisectriage.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * How quiet the bot is on ordinary posts (round 3): false alarms per 1,000 non-security posts, the flag rate on
 * security-sounding look-alikes, the abstain band's share, the precision to expect at low base rates, and recall on
 * the study's posts outside the runtime-compatibility and availability codes.
 */
final class QuietReport {

    /**
     * Keywords that name a security topic without saying anything is wrong: an AI-project post that is not security
     * and matches one of these is a look-alike (a question about an API key, a login, a proxy certificate ...).
     */
    static final Set<String> TOPIC_KEYWORDS = Set.of(
            "security",
            "api key",
            "secret",
            "token leak",
            "authentication",
            "authorization",
            "tls",
            "trust_remote_code",
            "safetensors",
            "pickle",
            "torch.load",
            "weights_only",
            "sandbox",
            "content filter",
            "harmful output",
            "exposed deployment",
            "cors",
            "privacy",
            "integrity",
            "vulnerable");

    /** The study's codes for what the labelling guide does not call security (runtime compatibility, availability). */
    static final Set<String> COMPATIBILITY_CODES = Set.of(
            "file-format-and-loading-incompatibility",
            "software-dependencies-compatibility-issues",
            "environmental-compatibility-issues",
            "platform-api-availability-error");

    static final String RESOURCE_CODE = "system-resource-exhaustions";

    private static final ObjectMapper JSON = new ObjectMapper();

    private QuietReport() {}

    /** {@code roles}: per scored post, 'T' AI-project issue (tuning), 'W' weak negative, 'P' another labelled post. */
    static ObjectNode of(List<Evaluation.Scored> scored, List<Character> roles, double abstainFrom) {
        Tally tally = new Tally(abstainFrom);
        for (int i = 0; i < scored.size(); i++) {
            if (scored.get(i).post().isSecurity() != null) {
                tally.count(scored.get(i), roles.get(i));
            }
        }
        return tally.json();
    }

    /** The counters of one report, each post counted in the group its role and labels put it in. */
    private static final class Tally {
        final double abstainFrom;
        final Counter weak = new Counter();
        final Counter aiNegatives = new Counter();
        final Counter lookAlikes = new Counter();
        final Counter aiSecurity = new Counter();
        final Counter paperOutside = new Counter();
        final Counter paperOutsideNoResource = new Counter();
        final ArrayNode lookAlikeFlagged = JSON.createArrayNode();

        Tally(double abstainFrom) {
            this.abstainFrom = abstainFrom;
        }

        void count(Evaluation.Scored s, char role) {
            LabelledPost post = s.post();
            boolean flagged = s.prediction().security();
            boolean abstained = !flagged && s.prediction().securityProbability() >= abstainFrom;
            if (role == 'W') {
                weak.add(flagged, abstained);
            } else if (role == 'T' && post.isSecurity() == 0) {
                aiNegatives.add(flagged, abstained);
                if (s.prediction().keywords().stream().anyMatch(TOPIC_KEYWORDS::contains)) {
                    lookAlikes.add(flagged, abstained);
                    if (flagged) {
                        lookAlikeFlagged.add(post.id() + " p=" + s.prediction().securityProbability());
                    }
                }
            } else if (role == 'T') {
                aiSecurity.add(flagged, abstained);
            } else if (post.isSecurity() == 1 && post.issueCodes().stream().noneMatch(COMPATIBILITY_CODES::contains)) {
                paperOutside.add(flagged, abstained);
                if (!post.issueCodes().contains(RESOURCE_CODE)) {
                    paperOutsideNoResource.add(flagged, abstained);
                }
            }
        }

        ObjectNode json() {
            ObjectNode out = JSON.createObjectNode();
            out.put("abstain_from", abstainFrom);
            out.set("weak_negatives", weak.json(true));
            out.set("ai_issue_negatives", aiNegatives.json(true));
            out.set("look_alikes", lookAlikes.json(false));
            out.set("look_alikes_flagged", lookAlikeFlagged);
            out.set("ai_issue_security", aiSecurity.json(false));
            out.set("paper_posts_outside_compatibility_and_availability", paperOutside.json(false));
            out.set("paper_posts_outside_compatibility_availability_and_resources", paperOutsideNoResource.json(false));
            ObjectNode expected = out.putObject("expected_precision");
            double tpr = aiSecurity.rate();
            for (double base : new double[] {0.02, 0.05, 0.10}) {
                ObjectNode b = expected.putObject(String.format(java.util.Locale.ROOT, "base_rate_%.2f", base));
                b.put("with_ai_issue_false_alarm_rate", r(precision(base, tpr, aiNegatives.rate())));
                b.put("with_weak_negative_false_alarm_rate", r(precision(base, tpr, weak.rate())));
            }
            return out;
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

        ObjectNode json(boolean perThousand) {
            ObjectNode o = JSON.createObjectNode();
            o.put("n", n);
            o.put("flagged", flagged);
            o.put("flagged_share", r(rate()));
            if (perThousand) {
                o.put("flagged_per_1000", n == 0 ? Double.NaN : Math.round(1000.0 * flagged / n * 10) / 10.0);
            }
            o.put("abstained", abstained);
            o.put("abstained_share", n == 0 ? Double.NaN : r((double) abstained / n));
            return o;
        }
    }
}
