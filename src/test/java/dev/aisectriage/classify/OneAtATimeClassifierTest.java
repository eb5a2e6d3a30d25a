package dev.aisectriage.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OneAtATimeClassifierTest {

    /** A classifier that says nothing is security and has no sentence embedding. */
    private static class Plain implements Classifier {
        @Override
        public Prediction classify(String text) {
            return new Prediction(false, 0.1, Map.of(), List.of(), List.of(), "p-1", List.of());
        }

        @Override
        public String modelVersion() {
            return "p-1";
        }
    }

    /** The same with a sentence embedding of its own. */
    private static final class Embedding extends Plain {
        @Override
        public Optional<float[]> embedding(String text) {
            return Optional.of(new float[] {text.length(), 1});
        }
    }

    @Test
    void givenAClassifierWithAnEmbedding_thenTheLockedOneGivesTheSame() {
        Classifier locked = new OneAtATimeClassifier(new Embedding());

        assertThat(locked.embedding("abc"))
                .hasValueSatisfying(v -> assertThat(v).containsExactly(3f, 1f));
    }

    @Test
    void givenAClassifierWithoutAnEmbedding_thenNone() {
        assertThat(new OneAtATimeClassifier(new Plain()).embedding("abc")).isEmpty();
    }
}
