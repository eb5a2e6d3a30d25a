package dev.aisectriage.classify;

import java.util.Base64;

/** The neighbour index as the artefact stores it: security flags as a 0/1 string, int8 vectors in Base64. */
final class NeighboursJson {

    private NeighboursJson() {}

    static ArtefactJson.Neighbours of(NeighbourIndex neighbours) {
        StringBuilder sec = new StringBuilder();
        for (boolean b : neighbours.security()) {
            sec.append(b ? '1' : '0');
        }
        return new ArtefactJson.Neighbours(
                neighbours.dim(),
                neighbours.ids(),
                neighbours.urls(),
                sec.toString(),
                neighbours.themes(),
                Base64.getEncoder().encodeToString(neighbours.vectors()));
    }

    static NeighbourIndex index(ArtefactJson.Neighbours nb) {
        boolean[] security = new boolean[nb.security().length()];
        for (int i = 0; i < security.length; i++) {
            security[i] = nb.security().charAt(i) == '1';
        }
        return new NeighbourIndex(
                nb.ids(), nb.urls(), security, nb.themes(), Base64.getDecoder().decode(nb.vectorsInt8()), nb.dim());
    }
}
