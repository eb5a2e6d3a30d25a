package dev.aisectriage.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.classify.FeatureLayout;
import dev.aisectriage.classify.LinearHead;
import dev.aisectriage.classify.TfIdfVectorizer;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ThemeFeatureScaleTest {

    @Test
    void aHeadTrainedOnItsOwnBlockScalesScoresTheSameOnTheSharedFeatureVector() {
        TfIdfVectorizer tfidf = TfIdfVectorizer.fit(
                List.of("pickle load rce", "torch load weights only", "pickle torch", "api key leaked"), 1, 100);
        FeatureLayout shared = new FeatureLayout(tfidf, 8, 5, 0.5f, 0.5f);
        FeatureLayout theme = new FeatureLayout(tfidf, 8, 5, 1.0f, 1.5f);
        Random r = new Random(7);
        float[] w = new float[shared.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        LinearHead trainedOnThemeScales = new LinearHead("MODEL", w, 0.3, 1.0, 0.0);
        float[] embedding = new float[8];
        for (int i = 0; i < embedding.length; i++) {
            embedding[i] = (float) r.nextGaussian();
        }
        float[] keywords = {1, 0, 1, 0, 0};
        String text = "torch load of a pickle gives rce";

        LinearHead onShared = ThemeHeadTrainer.rescaled(trainedOnThemeScales, theme, shared);

        double expected = trainedOnThemeScales.score(theme.features(text, embedding, keywords));
        assertThat(onShared.score(shared.features(text, embedding, keywords))).isCloseTo(expected, Offset.offset(1e-5));
        assertThat(onShared.score(shared.features(text, embedding, keywords)))
                .isNotCloseTo(
                        trainedOnThemeScales.score(shared.features(text, embedding, keywords)), Offset.offset(1e-3));
    }

    @Test
    void theSameScalesLeaveTheHeadAsItIs() {
        TfIdfVectorizer tfidf = TfIdfVectorizer.fit(List.of("a b", "b c"), 1, 10);
        FeatureLayout layout = new FeatureLayout(tfidf, 4, 2, 0.5f, 0.5f);
        LinearHead head = new LinearHead("DATA", new float[layout.size()], 0.1, 1.0, 0.0);

        assertThat(ThemeHeadTrainer.rescaled(head, layout, layout)).isSameAs(head);
    }
}
