package dev.aisectriage.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NeighbourIndexTest {

    @Test
    void givenPostsWithAndWithoutATheme_whenAveraged_thenOnlyTheThemedSecurityPostsCount() {
        // given three posts of dimension 2: two security posts with a theme, one post without ('-')
        byte[] vectors = {127, 0, 0, 127, -127, -127};
        NeighbourIndex index = new NeighbourIndex(
                List.of("a", "b", "c"), List.of("", "", ""), new boolean[] {true, true, false}, "SM-", vectors, 2);

        // when
        float[] mean = index.meanThemedEmbedding();

        // then the third post is left out and the vectors are dequantised
        assertThat(mean[0]).isCloseTo(0.5f, within(1e-6f));
        assertThat(mean[1]).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void givenNoThemedPost_whenAveraged_thenTheMeanIsZero() {
        NeighbourIndex index =
                new NeighbourIndex(List.of("a"), List.of(""), new boolean[] {false}, "-", new byte[] {100, -100}, 2);

        assertThat(index.meanThemedEmbedding()).containsExactly(0f, 0f);
    }
}
