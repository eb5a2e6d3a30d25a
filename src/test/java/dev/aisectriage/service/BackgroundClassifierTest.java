package dev.aisectriage.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.support.BlockingThread;
import dev.aisectriage.support.FakeClassifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BackgroundClassifierTest {

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
    void givenAModelWithAnEmbedding_thenTheServicesClassifierGivesTheSame() {
        // given the model the service's classifier runs on its thread (corrections match posts by this embedding)
        try (BackgroundClassifier classifier = BackgroundClassifier.load(Embedding::new)) {
            // then a post's embedding is the model's, not the seam's empty default
            assertThat(classifier.embedding("abc"))
                    .hasValueSatisfying(v -> assertThat(v).containsExactly(3f, 1f));
        }
    }

    @Test
    void givenAModelWithoutAnEmbedding_thenNone() {
        try (BackgroundClassifier classifier = BackgroundClassifier.load(Plain::new)) {
            assertThat(classifier.embedding("abc")).isEmpty();
        }
    }

    @Test
    void givenAClassificationInProgress_whenClosed_thenTheModelIsFreedOnlyOnceItHasEnded() throws Exception {
        // given a model inside a classification that ends only when the test lets it
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        ClosableModel model = new ClosableModel(inside, finish);
        BackgroundClassifier classifier = BackgroundClassifier.load(() -> model);
        CompletableFuture<Prediction> job = CompletableFuture.supplyAsync(() -> classifier.classify("pickle exploit"));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        // when the service closes the classifier
        Thread closing =
                BlockingThread.startUntilBlocked(classifier::close, "closing", "the classification in progress");

        // then the model stays open while the run is inside it, and is freed once the run has ended
        assertThat(model.events).containsExactly("classifying");
        finish.countDown();
        closing.join();
        assertThat(job.get().security()).isTrue();
        assertThat(model.events).containsExactly("classifying", "classified", "closed");
    }

    @Test
    void givenAClosedClassifier_whenAJobClassifies_thenItFailsSayingTheServiceIsShuttingDown() {
        // given
        ClosableModel model = new ClosableModel(new CountDownLatch(1), new CountDownLatch(0));
        BackgroundClassifier classifier = BackgroundClassifier.load(() -> model);
        classifier.close();

        // when / then: the job fails (and is retried after the restart); the freed model is never entered
        assertThatThrownBy(() -> classifier.classify("pickle"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("shutting down");
        assertThat(model.events).containsExactly("closed");
    }

    @Test
    void givenAModelThatFailsToLoad_whenLoaded_thenTheFailureReachesTheCaller() {
        assertThatThrownBy(() -> BackgroundClassifier.load(() -> {
                    throw new IllegalStateException("model.onnx is missing");
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("model.onnx is missing");
    }

    /** A model that records when it classifies and when it is freed; its classification waits for the test. */
    private static final class ClosableModel implements Classifier, AutoCloseable {

        final List<String> events = new CopyOnWriteArrayList<>();
        private final FakeClassifier fake = new FakeClassifier();
        private final CountDownLatch inside;
        private final CountDownLatch finish;

        ClosableModel(CountDownLatch inside, CountDownLatch finish) {
            this.inside = inside;
            this.finish = finish;
        }

        @Override
        public Prediction classify(String text) {
            events.add("classifying");
            inside.countDown();
            try {
                assertThat(finish.await(10, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            events.add("classified");
            return fake.classify(text);
        }

        @Override
        public String modelVersion() {
            return fake.modelVersion();
        }

        @Override
        public void close() {
            events.add("closed");
        }
    }
}
