package dev.aisectriage.training;

import java.lang.reflect.RecordComponent;

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
        double tuneReplicas,
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
        double cascadeMaxSettle,
        boolean wordsFromProse,
        boolean keywordSegments,
        boolean keywordCues,
        double softWeight,
        boolean thresholdOnConfident,
        double ordinaryFlaggedMax,
        double ordinaryAbstainedMax,
        double lookAlikeFlaggedMax,
        double lookAlikeEitherMax,
        boolean cascadeThemes,
        boolean blankSenses,
        boolean plainWordsEvidence,
        int cascadeThemeTuneReplicas,
        boolean topicsNeedEvidence,
        boolean questionsNeedEvidence) {

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
                5, // AI-project issues' weight in the security head
                0.0, // issue-head mass blended into themes
                0.0, // positive-class weight power in theme and issue heads
                true, // regularise the bias
                0.3, // kNN theme vote weight
                false, // kNN security vote in the calibration
                true, // per-theme offsets
                0.1, // paper posts' weight in the security head
                0.4, // weak negatives' weight in the security head
                2, // AI-project issues' copies in the theme heads
                0f, // theme heads' embedding scale (0: as the security head)
                0f, // theme heads' keyword scale (0: as the security head)
                true, // a post naming a vulnerability class is security, if precise enough on AI-project issues
                true, // a cheap TF-IDF-and-keywords stage settles clear non-security posts without the encoder
                0.01, // share of the AI-project security issues the cheap stage may settle (out of fold)
                0.0, // paper posts outside runtime compatibility and availability, security head (0: as paperWeight)
                true, // ... counting those with a resource-exhaustion code among them
                0.5, // the cheap stage never settles a post whose cheap probability is at or above this
                false, // TF-IDF over the post's own sentences only (false: the whole post)
                true, // a keyword in pasted text (code, logs, configs, file names) is a feature of its own
                true, // the keyword stage's cues (topic without evidence, question, ...) are features
                1.0, // weight of AI-project posts labelled with medium or low confidence, times tuneReplicas
                false, // precision and MCC of the threshold measured on the confidently labelled AI-project posts only
                0.004, // out of fold, at most this share of ordinary posts flagged (target: 5 per 1,000)
                0.015, // ... and at most this share in the abstain band (target: 20 per 1,000)
                0.08, // at most this share of look-alikes flagged (target: 10%)
                0.16, // ... and at most this share flagged or in the abstain band (target: 20%)
                true, // the cheap stage has theme heads of its own, trained without embeddings, for what it settles
                true, // the words' ordinary ML senses are blanked out before keywords are matched
                true, // the evidence keywords in plain words (round 4) are features
                1, // AI-project posts' copies in the cheap stage's theme heads (the posts it settles are mostly not)
                true, // a topic keyword is a feature only with evidence of a problem in the post's own sentences
                true); // a question about a topic with no evidence is neither flagged nor in the abstain band
    }

    public TrainerOptions withSeed(long s) {
        return with("seed=" + s);
    }

    public TrainerOptions withWeakNegatives(boolean w) {
        return with("useWeakNegatives=" + w);
    }

    /**
     * A copy with one option changed by name, e.g. {@code cSecurity=2}; for experiments from the command line. The
     * name is the record component's; the value is parsed as that component's type.
     */
    public TrainerOptions with(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("expected name=value, got '" + assignment + "'");
        }
        String k = assignment.substring(0, eq).trim();
        String v = assignment.substring(eq + 1).trim();
        RecordComponent[] components = TrainerOptions.class.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean known = false;
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            if (components[i].getName().equals(k)) {
                values[i] = parse(types[i], v);
                known = true;
            } else {
                values[i] = valueOf(components[i]);
            }
        }
        if (!known) {
            throw new IllegalArgumentException("unknown trainer option '" + k + "'");
        }
        try {
            return TrainerOptions.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot copy trainer options", e);
        }
    }

    private Object valueOf(RecordComponent component) {
        try {
            return component.getAccessor().invoke(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read trainer option " + component.getName(), e);
        }
    }

    /** {@code v} as a value of an option of type {@code type}, parsed as Java parses that type's literals. */
    private static Object parse(Class<?> type, String v) {
        if (type == long.class) {
            return Long.parseLong(v);
        } else if (type == int.class) {
            return Integer.parseInt(v);
        } else if (type == double.class) {
            return Double.parseDouble(v);
        } else if (type == float.class) {
            return Float.parseFloat(v);
        } else if (type == boolean.class) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalStateException("trainer option of unsupported type " + type);
    }
}
