package dev.aisectriage.training;

import dev.aisectriage.classify.NeighbourIndex;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@link NeighbourIndex} stored in the artefact from labelled posts and their embeddings. */
final class NeighbourIndexes {

    private NeighbourIndexes() {}

    static NeighbourIndex of(List<LabelledPost> posts, float[][] embeddings) {
        int dim = embeddings.length == 0 ? 0 : embeddings[0].length;
        byte[] q = new byte[posts.size() * dim];
        boolean[] sec = new boolean[posts.size()];
        List<String> ids = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        StringBuilder themes = new StringBuilder();
        for (int i = 0; i < posts.size(); i++) {
            LabelledPost p = posts.get(i);
            ids.add(p.id() == null ? "" : p.id());
            urls.add(p.url() == null ? "" : p.url());
            sec[i] = p.isSecurity() != null && p.isSecurity() == 1;
            themes.append(
                    sec[i] && p.theme() != null
                            ? NeighbourIndex.THEME_CODES.charAt(p.theme().ordinal())
                            : '-');
            for (int d = 0; d < dim; d++) {
                q[i * dim + d] = (byte) Math.max(-127, Math.min(127, Math.round(embeddings[i][d] * 127f)));
            }
        }
        return new NeighbourIndex(ids, urls, sec, themes.toString(), q, dim);
    }
}
