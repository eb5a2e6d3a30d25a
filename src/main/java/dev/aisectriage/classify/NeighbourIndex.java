package dev.aisectriage.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * Labelled training posts as ids, links and int8-quantised embeddings, for the "nearest labelled examples" part of an
 * explanation. Never holds post text.
 */
public record NeighbourIndex(List<String> ids, List<String> urls, boolean[] security, byte[] vectors, int dim) {

    public static NeighbourIndex of(List<LabelledPost> posts, float[][] embeddings) {
        int dim = embeddings.length == 0 ? 0 : embeddings[0].length;
        byte[] q = new byte[posts.size() * dim];
        boolean[] sec = new boolean[posts.size()];
        List<String> ids = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            LabelledPost p = posts.get(i);
            ids.add(p.id() == null ? "" : p.id());
            urls.add(p.url() == null ? "" : p.url());
            sec[i] = p.isSecurity() != null && p.isSecurity() == 1;
            for (int d = 0; d < dim; d++) {
                q[i * dim + d] = (byte) Math.max(-127, Math.min(127, Math.round(embeddings[i][d] * 127f)));
            }
        }
        return new NeighbourIndex(ids, urls, sec, q, dim);
    }

    public int size() {
        return ids.size();
    }

    /** The {@code k} most similar posts by cosine (embeddings are unit length), most similar first. */
    public List<Prediction.Neighbour> nearest(float[] embedding, int k) {
        int n = size();
        int[] best = new int[Math.min(k, n)];
        double[] bestSim = new double[best.length];
        java.util.Arrays.fill(bestSim, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            double s = 0;
            int off = i * dim;
            for (int d = 0; d < dim; d++) {
                s += embedding[d] * vectors[off + d];
            }
            s /= 127.0;
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
        List<Prediction.Neighbour> out = new ArrayList<>();
        for (int j = 0; j < best.length; j++) {
            int i = best[j];
            String url = urls.get(i).isEmpty() ? null : urls.get(i);
            out.add(new Prediction.Neighbour(ids.get(i), url, Math.round(bestSim[j] * 1000) / 1000.0, security[i]));
        }
        return out;
    }
}
