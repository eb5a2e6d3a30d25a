package dev.aisectriage.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word unigram and bigram TF-IDF (sublinear term frequency, L2-normalised), vocabulary fixed at training time.
 * Immutable once built, so safe to share between threads.
 */
public final class TfIdfVectorizer {

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}_]+");

    /** Characters of each end of a post that are vectorised (the same cut as the encoder's head and tail). */
    private static final int MAX_CHARS = 20_000;

    private final Map<String, Integer> index;
    private final float[] idf;

    public TfIdfVectorizer(List<String> vocabulary, float[] idf) {
        Map<String, Integer> m = new HashMap<>(vocabulary.size() * 2);
        for (int i = 0; i < vocabulary.size(); i++) {
            m.put(vocabulary.get(i), i);
        }
        this.index = m;
        this.idf = idf.clone();
    }

    /** Builds the vocabulary: terms in at least {@code minDf} documents, the {@code maxTerms} most frequent. */
    public static TfIdfVectorizer fit(List<String> docs, int minDf, int maxTerms) {
        Map<String, Integer> df = new HashMap<>();
        for (String d : docs) {
            for (String term : new HashSet<>(terms(d))) {
                df.merge(term, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : new TreeMap<>(df).entrySet()) {
            if (e.getValue() >= minDf) {
                kept.add(e);
            }
        }
        kept.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        if (kept.size() > maxTerms) {
            kept = kept.subList(0, maxTerms);
        }
        kept.sort(Map.Entry.comparingByKey());
        List<String> vocab = new ArrayList<>();
        float[] idf = new float[kept.size()];
        int n = docs.size();
        for (int i = 0; i < kept.size(); i++) {
            vocab.add(kept.get(i).getKey());
            idf[i] = (float) (Math.log((1.0 + n) / (1.0 + kept.get(i).getValue())) + 1.0);
        }
        return new TfIdfVectorizer(vocab, idf);
    }

    public int size() {
        return idf.length;
    }

    public List<String> vocabulary() {
        String[] v = new String[index.size()];
        index.forEach((term, i) -> v[i] = term);
        return List.of(v);
    }

    public float[] idf() {
        return idf.clone();
    }

    /** Sparse TF-IDF vector: sorted indices and their values. */
    public SparseVector vectorize(String text) {
        Map<Integer, Integer> tf = new TreeMap<>();
        for (String term : terms(text)) {
            Integer i = index.get(term);
            if (i != null) {
                tf.merge(i, 1, Integer::sum);
            }
        }
        int[] idx = new int[tf.size()];
        float[] val = new float[tf.size()];
        int k = 0;
        double norm = 0;
        for (Map.Entry<Integer, Integer> e : tf.entrySet()) {
            idx[k] = e.getKey();
            val[k] = (float) ((1.0 + Math.log(e.getValue())) * idf[e.getKey()]);
            norm += val[k] * val[k];
            k++;
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < val.length && norm > 0; j++) {
            val[j] /= (float) norm;
        }
        return new SparseVector(idx, val);
    }

    static List<String> terms(String text) {
        String t = text == null ? "" : text;
        if (t.length() > 2 * MAX_CHARS) {
            t = t.substring(0, MAX_CHARS) + " " + t.substring(t.length() - MAX_CHARS);
        }
        Matcher m = TOKEN.matcher(t.toLowerCase(Locale.ROOT));
        List<String> words = new ArrayList<>();
        while (m.find()) {
            String w = m.group();
            if (w.length() <= 40) {
                words.add(w);
            }
        }
        List<String> out = new ArrayList<>(words.size() * 2);
        for (int i = 0; i < words.size(); i++) {
            out.add(words.get(i));
            if (i + 1 < words.size()) {
                out.add(words.get(i) + " " + words.get(i + 1));
            }
        }
        return out;
    }

    /** Sorted sparse vector. */
    public record SparseVector(int[] indices, float[] values) {}
}
