package dev.aisectriage.classify;

/**
 * Puts a post's three feature blocks side by side: word TF-IDF, the sentence embedding, the keyword matches.
 * Each block is L2-normalised then scaled, so the scales set how much each block may weigh. {@code reading} says
 * which part of the post each block reads.
 */
public record FeatureLayout(
        TfIdfVectorizer tfidf,
        int embeddingDim,
        int keywordCount,
        float embeddingScale,
        float keywordScale,
        Reading reading) {

    /**
     * @param wordsFromProse     TF-IDF over the post's own sentences only, instead of the whole post
     * @param keywordSegments    a keyword in pasted text (code, logs, configs, file names) is its own feature
     * @param keywordCues        the keyword stage's cues (topic without evidence, question, ...) are features
     * @param blankSenses        the words' ordinary ML senses are blanked out before keywords are matched
     * @param plainWordsEvidence the evidence keywords of {@link ProblemEvidence} are features (and count as evidence)
     * @param topicsNeedEvidence a topic keyword is a feature only in a post whose own sentences show evidence of a
     *                           problem; alone it is only the cue "topic without evidence"
     * @param questionsNeedEvidence a question or how-to about a topic with no evidence of a problem is neither
     *                              flagged nor put in the abstain band, whatever the heads say
     */
    public record Reading(
            boolean wordsFromProse,
            boolean keywordSegments,
            boolean keywordCues,
            boolean blankSenses,
            boolean plainWordsEvidence,
            boolean topicsNeedEvidence,
            boolean questionsNeedEvidence) {

        /** Words from the whole post; keywords apart by segment, senses blanked, with every evidence and cue. */
        public static final Reading DEFAULT = new Reading(false, true, true, true, true, true, true);

        /** How artefacts before round 4 read a post: the whole post, every keyword as one. */
        public static final Reading ROUND_3 = new Reading(false, false, false, false, false, false, false);
    }

    /** A layout that reads posts the default way. */
    public FeatureLayout(
            TfIdfVectorizer tfidf, int embeddingDim, int keywordCount, float embeddingScale, float keywordScale) {
        this(tfidf, embeddingDim, keywordCount, embeddingScale, keywordScale, Reading.DEFAULT);
    }

    /** The same layout with other block scales. */
    public FeatureLayout withScales(float embedding, float keyword) {
        return new FeatureLayout(tfidf, embeddingDim, keywordCount, embedding, keyword, reading);
    }

    /** The text the TF-IDF block reads of a post. */
    public String words(PostText post) {
        return reading.wordsFromProse() ? post.prose() : post.text();
    }

    /** The features of a post whose keywords have been matched. */
    public Features features(KeywordMatch match, float[] embedding) {
        return features(words(match.post()), embedding, match.features(reading));
    }

    public int size() {
        return tfidf.size() + embeddingDim + keywordCount;
    }

    public Features features(String text, float[] embedding, float[] keywordFlags) {
        TfIdfVectorizer.SparseVector words = tfidf.vectorize(text);
        int nk = 0;
        for (float k : keywordFlags) {
            if (k != 0f) {
                nk++;
            }
        }
        int n = words.indices().length + embeddingDim + nk;
        int[] idx = new int[n];
        float[] val = new float[n];
        int p = 0;
        for (int i = 0; i < words.indices().length; i++, p++) {
            idx[p] = words.indices()[i];
            val[p] = words.values()[i];
        }
        int base = tfidf.size();
        for (int d = 0; d < embeddingDim; d++, p++) {
            idx[p] = base + d;
            val[p] = embedding[d] * embeddingScale;
        }
        base += embeddingDim;
        float kwValue = nk == 0 ? 0f : (float) (keywordScale / Math.sqrt(nk));
        for (int k = 0; k < keywordFlags.length; k++) {
            if (keywordFlags[k] != 0f) {
                idx[p] = base + k;
                val[p++] = kwValue;
            }
        }
        return new Features(idx, val);
    }
}
