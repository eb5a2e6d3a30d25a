package dev.aisectriage.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled training posts as ids, links and int8-quantised embeddings, for the "nearest labelled examples" part of an
 * explanation. Never holds post text.
 */
public record NeighbourIndex(
        List<String> ids, List<String> urls, boolean[] security, String themes, byte[] vectors, int dim) {

    /** Theme codes in {@link #themes}: one character per post, '-' when it has no theme. */
    public static final String THEME_CODES = "SEMD";

    public int size() {
        return ids.size();
    }

    /** Row numbers and similarities of the {@code k} most similar posts, most similar first. */
    public record Hits(int[] rows, double[] similarities) {}

    /** Theme distribution of the security posts among the hits, weighted by similarity; null when none has one. */
    public double[] themeVote(Hits hits) {
        double[] vote = new double[Theme.values().length];
        double sum = 0;
        for (int j = 0; j < hits.rows().length; j++) {
            int code = THEME_CODES.indexOf(themes.charAt(hits.rows()[j]));
            if (code >= 0) {
                double w = Math.max(0, hits.similarities()[j]);
                vote[code] += w;
                sum += w;
            }
        }
        if (sum == 0) {
            return null;
        }
        for (int t = 0; t < vote.length; t++) {
            vote[t] /= sum;
        }
        return vote;
    }

    /** Similarity-weighted share of security posts among the hits (0.5 when there are none). */
    public double securityVote(Hits hits) {
        double yes = 0;
        double all = 0;
        for (int j = 0; j < hits.rows().length; j++) {
            double w = Math.max(0, hits.similarities()[j]);
            all += w;
            yes += security[hits.rows()[j]] ? w : 0;
        }
        return all == 0 ? 0.5 : yes / all;
    }

    /**
     * The mean embedding of the security posts that have a theme (dequantised; not re-normalised): what the cascade
     * puts in place of an embedding it did not compute, so the theme heads see a typical security post's embedding
     * rather than none. All zeros when no post has a theme.
     */
    public float[] meanThemedEmbedding() {
        float[] mean = new float[dim];
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (themes.charAt(i) == '-') {
                continue;
            }
            n++;
            for (int d = 0; d < dim; d++) {
                mean[d] += vectors[i * dim + d];
            }
        }
        for (int d = 0; d < dim && n > 0; d++) {
            mean[d] /= 127f * n;
        }
        return mean;
    }

    /** The first {@code k} hits as neighbours for an explanation. */
    public List<Prediction.Neighbour> neighbours(Hits hits, int k) {
        List<Prediction.Neighbour> out = new ArrayList<>();
        for (int j = 0; j < Math.min(k, hits.rows().length); j++) {
            int i = hits.rows()[j];
            String url = urls.get(i).isEmpty() ? null : urls.get(i);
            out.add(new Prediction.Neighbour(
                    ids.get(i), url, Math.round(hits.similarities()[j] * 1000) / 1000.0, security[i]));
        }
        return out;
    }

    /** The {@code k} nearest rows by cosine (embeddings are unit length), most similar first. */
    public Hits search(float[] embedding, int k) {
        int n = size();
        int[] best = new int[Math.min(k, n)];
        double[] bestSim = new double[best.length];
        Arrays.fill(bestSim, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int off = i * dim;
            // Four accumulators: independent additions run in parallel on the CPU (about 2x here).
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int d = 0;
            for (; d + 3 < dim; d += 4) {
                s0 += embedding[d] * vectors[off + d];
                s1 += embedding[d + 1] * vectors[off + d + 1];
                s2 += embedding[d + 2] * vectors[off + d + 2];
                s3 += embedding[d + 3] * vectors[off + d + 3];
            }
            for (; d < dim; d++) {
                s0 += embedding[d] * vectors[off + d];
            }
            double s = (s0 + s1 + s2 + s3) / 127.0;
            for (int j = 0; j < best.length; j++) {
                if (s > bestSim[j]) {
                    System.arraycopy(bestSim, j, bestSim, j + 1, best.length - j - 1);
                    System.arraycopy(best, j, best, j + 1, best.length - j - 1);
                    bestSim[j] = s;
                    best[j] = i;
                    break;
                }
            }
        }
        return new Hits(best, bestSim);
    }
}
