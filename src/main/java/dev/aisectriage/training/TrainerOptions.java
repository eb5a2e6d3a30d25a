package dev.aisectriage.training;

/** Hyper-parameters of {@link Trainer}; defaults are the ones chosen by grouped cross-validation (docs/model.md). */
public record TrainerOptions(
        long seed,
        boolean useWeakNegatives,
        double cSecurity,
        double cTheme,
        double cIssue,
        float embeddingScale,
        float keywordScale,
        int minDf,
        int maxTerms,
        double targetPrecision,
        int innerFolds,
        double themeWeightInIssueScore,
        int tuneReplicas,
        double issueWeightInThemeScore,
        double positiveWeightPower,
        boolean regularizeBias,
        double knnThemeWeight,
        boolean knnSecurity,
        boolean themeOffsets,
        double paperWeight,
        double weakWeight,
        int themeTuneReplicas,
        float themeEmbeddingScale,
        float themeKeywordScale,
        boolean decisiveKeywords,
        boolean cascade,
        double cascadeMissed,
        double paperOutsideWeight,
        boolean paperOutsideResources,
        double cascadeMaxSettle) {

    public static TrainerOptions defaults() {
        return new TrainerOptions(
                42L, // seed
                true, // weak negatives in the security head
                1.0, // C, security
                4.0, // C, themes
                2.0, // C, issue types
                0.5f, // embedding block scale
                0.5f, // keyword block scale
                2, // TF-IDF: terms in at least this many posts
                20_000, // TF-IDF: at most this many terms
                0.95, // target precision of the security threshold, on AI-project issues
                5, // inner folds (calibration, threshold, theme offsets)
                0.5, // theme weight in the issue-type score
                3, // AI-project issues' weight in the security head
                0.0, // issue-head mass blended into themes
                0.0, // positive-class weight power in theme and issue heads
                true, // regularise the bias
                0.3, // kNN theme vote weight
                false, // kNN security vote in the calibration
                true, // per-theme offsets
                0.2, // paper posts' weight in the security head
                0.4, // weak negatives' weight in the security head
                2, // AI-project issues' copies in the theme heads
                0f, // theme heads' embedding scale (0: as the security head)
                0f, // theme heads' keyword scale (0: as the security head)
                true, // a post naming a vulnerability class is security, if precise enough on AI-project issues
                true, // a cheap TF-IDF-and-keywords stage settles clear non-security posts without the encoder
                0.01, // share of the AI-project security issues the cheap stage may settle (out of fold)
                0.0, // paper posts outside runtime compatibility and availability, security head (0: as paperWeight)
                true, // ... counting those with a resource-exhaustion code among them
                0.5); // the cheap stage never settles a post whose cheap probability is at or above this
    }

    public TrainerOptions withSeed(long s) {
        return with("seed=" + s);
    }

    public TrainerOptions withWeakNegatives(boolean w) {
        return with("useWeakNegatives=" + w);
    }

    /** A copy with one option changed by name, e.g. {@code cSecurity=2}; for experiments from the command line. */
    public TrainerOptions with(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("expected name=value, got '" + assignment + "'");
        }
        String k = assignment.substring(0, eq).trim();
        String v = assignment.substring(eq + 1).trim();
        long seed = this.seed;
        boolean weak = this.useWeakNegatives;
        double cs = cSecurity;
        double ct = cTheme;
        double ci = cIssue;
        float es = embeddingScale;
        float ks = keywordScale;
        int md = minDf;
        int mt = maxTerms;
        double tp = targetPrecision;
        int inner = innerFolds;
        double tw = themeWeightInIssueScore;
        int reps = tuneReplicas;
        double iw = issueWeightInThemeScore;
        double pw = positiveWeightPower;
        boolean rb = regularizeBias;
        double kw = knnThemeWeight;
        boolean ks2 = knnSecurity;
        boolean to = themeOffsets;
        double pwt = paperWeight;
        double wwt = weakWeight;
        int ttr = themeTuneReplicas;
        float tes = themeEmbeddingScale;
        float tks = themeKeywordScale;
        boolean dk = decisiveKeywords;
        boolean cc = cascade;
        double cm = cascadeMissed;
        double pow = paperOutsideWeight;
        boolean por = paperOutsideResources;
        double cms = cascadeMaxSettle;
        switch (k) {
            case "seed" -> seed = Long.parseLong(v);
            case "useWeakNegatives" -> weak = Boolean.parseBoolean(v);
            case "cSecurity" -> cs = Double.parseDouble(v);
            case "cTheme" -> ct = Double.parseDouble(v);
            case "cIssue" -> ci = Double.parseDouble(v);
            case "embeddingScale" -> es = Float.parseFloat(v);
            case "keywordScale" -> ks = Float.parseFloat(v);
            case "minDf" -> md = Integer.parseInt(v);
            case "maxTerms" -> mt = Integer.parseInt(v);
            case "targetPrecision" -> tp = Double.parseDouble(v);
            case "innerFolds" -> inner = Integer.parseInt(v);
            case "themeWeightInIssueScore" -> tw = Double.parseDouble(v);
            case "tuneReplicas" -> reps = Integer.parseInt(v);
            case "issueWeightInThemeScore" -> iw = Double.parseDouble(v);
            case "positiveWeightPower" -> pw = Double.parseDouble(v);
            case "regularizeBias" -> rb = Boolean.parseBoolean(v);
            case "knnThemeWeight" -> kw = Double.parseDouble(v);
            case "knnSecurity" -> ks2 = Boolean.parseBoolean(v);
            case "themeOffsets" -> to = Boolean.parseBoolean(v);
            case "paperWeight" -> pwt = Double.parseDouble(v);
            case "weakWeight" -> wwt = Double.parseDouble(v);
            case "themeTuneReplicas" -> ttr = Integer.parseInt(v);
            case "themeEmbeddingScale" -> tes = Float.parseFloat(v);
            case "themeKeywordScale" -> tks = Float.parseFloat(v);
            case "decisiveKeywords" -> dk = Boolean.parseBoolean(v);
            case "cascade" -> cc = Boolean.parseBoolean(v);
            case "cascadeMissed" -> cm = Double.parseDouble(v);
            case "paperOutsideWeight" -> pow = Double.parseDouble(v);
            case "paperOutsideResources" -> por = Boolean.parseBoolean(v);
            case "cascadeMaxSettle" -> cms = Double.parseDouble(v);
            default -> throw new IllegalArgumentException("unknown trainer option '" + k + "'");
        }
        return new TrainerOptions(
                seed, weak, cs, ct, ci, es, ks, md, mt, tp, inner, tw, reps, iw, pw, rb, kw, ks2, to, pwt, wwt, ttr,
                tes, tks, dk, cc, cm, pow, por, cms);
    }
}
