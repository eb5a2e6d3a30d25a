package dev.aisectriage.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aisectriage.classify.HeadsModel;
import dev.aisectriage.classify.ModelArtefact;
import dev.aisectriage.classify.OnnxEncoder;
import dev.aisectriage.classify.Pooling;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Taxonomy;
import dev.aisectriage.classify.TextWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Trains on a small sample of ../shared/data with the real encoder; skipped when the shared data is absent. */
@Tag("slow")
class TrainerTest {

    private static Path data;
    private static TrainingSet sample;
    private static Taxonomy taxonomy;
    private static final ModelArtefact.EncoderSpec SPEC =
            new ModelArtefact.EncoderSpec("all-MiniLM-L6-v2-q", Pooling.MEAN, TextWindow.HEAD_TAIL, 256, "");

    @BeforeAll
    static void sampleSharedData() {
        String dir = System.getProperty("shared.data.dir");
        Assumptions.assumeTrue(
                dir != null && Files.exists(Path.of(dir, "issues-labelled.train.jsonl")),
                "skipped: ../shared/data (shared.data.dir=" + dir + ") is not here; training needs the labelled data");
        data = Path.of(dir);
        taxonomy = Taxonomy.read(data.resolve("taxonomy.json"));
        List<Path> files = List.of(
                data.resolve("issues-labelled.train.jsonl"),
                data.resolve("paper-posts.train.jsonl"),
                data.resolve("nlbse24-weak-negatives.jsonl"));
        LabelledData all = LabelledData.read(files);
        // A small, fixed sample: every 20th post keeps each file and both labels.
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < all.posts().size(); i += 20) {
            rows.add(i);
        }
        float[][] emb = new float[rows.size()][];
        try (OnnxEncoder encoder = OnnxEncoder.bundled(TextWindow.HEAD_TAIL, 256)) {
            for (int j = 0; j < rows.size(); j++) {
                emb[j] = encoder.embed(all.posts().get(rows.get(j)).text());
            }
        }
        TrainingSet full = all.withEmbeddings(new float[all.posts().size()][]);
        TrainingSet sub = full.subset(rows.stream().mapToInt(Integer::intValue).toArray());
        sample = new TrainingSet(sub.posts(), emb, sub.weak(), sub.tune());
    }

    @Test
    void sameSeedGivesTheSameArtefactByteForByte() {
        TrainerOptions options =
                TrainerOptions.defaults().withWeakNegatives(true).with("innerFolds=3");

        byte[] first = new Trainer(options, taxonomy, SPEC).train(sample).toBytes();
        byte[] second = new Trainer(options, taxonomy, SPEC).train(sample).toBytes();

        assertThat(second).isEqualTo(first);
    }

    @Test
    void theArtefactRoundTripsAndCarriesTheLabelSpaceButNoText() throws java.io.IOException {
        ModelArtefact trained =
                new Trainer(TrainerOptions.defaults().with("innerFolds=3"), taxonomy, SPEC).train(sample);

        byte[] bytes = trained.toBytes();
        ModelArtefact read = ModelArtefact.read(new java.io.ByteArrayInputStream(bytes));

        assertThat(read.version()).isEqualTo(trained.version()).startsWith("heads-1-");
        assertThat(read.issueTypes()).hasSize(32);
        assertThat(read.themes()).hasSize(4);
        assertThat(read.securityThreshold()).isBetween(0.0, 1.0);
        assertThat(read.neighbours().ids()).isNotEmpty();
        assertThat(read.toBytes()).isEqualTo(bytes);
        String json = new String(
                new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        String someText = sample.posts().get(0).text();
        assertThat(json).doesNotContain(someText.substring(0, Math.min(80, someText.length())));
    }

    @Test
    void aTrainedModelPredictsEveryPartOfAPrediction() {
        ModelArtefact trained =
                new Trainer(TrainerOptions.defaults().with("innerFolds=3"), taxonomy, SPEC).train(sample);
        HeadsModel heads = new HeadsModel(trained);

        Prediction p = heads.predict(sample.posts().get(0).text(), sample.embeddings()[0]);

        assertThat(p.themes()).hasSize(4);
        assertThat(p.themes().values().stream().mapToDouble(Double::doubleValue).sum())
                .isBetween(0.99, 1.01);
        assertThat(p.issueTypes()).hasSize(10);
        assertThat(p.neighbours()).hasSize(3);
        assertThat(p.modelVersion()).isEqualTo(trained.version());
    }
}
