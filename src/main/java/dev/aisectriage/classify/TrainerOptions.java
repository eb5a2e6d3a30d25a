package dev.aisectriage.classify;

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
        boolean themeOffsets) {

    public static TrainerOptions defaults() {
        return new TrainerOptions(
                42L, true, 1.0, 4.0, 2.0, 0.5f, 0.5f, 2, 20_000, 0.92, 5, 0.5, 3, 0.0, 0.0, true, 0.3, false, true);
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
            default -> throw new IllegalArgumentException("unknown trainer option '" + k + "'");
        }
        return new TrainerOptions(seed, weak, cs, ct, ci, es, ks, md, mt, tp, inner, tw, reps, iw, pw, rb, kw, ks2, to);
    }
}
