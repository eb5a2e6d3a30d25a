package dev.aisectriage.classify;

/**
 * Puts a post's three feature blocks side by side: word TF-IDF, the sentence embedding, the keyword matches.
 * Each block is L2-normalised then scaled, so the scales set how much each block may weigh.
 */
public record FeatureLayout(
        TfIdfVectorizer tfidf, int embeddingDim, int keywordCount, float embeddingScale, float keywordScale) {

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
