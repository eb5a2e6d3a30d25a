package dev.aisectriage.cli;

import dev.aisectriage.classify.EncoderInput;
import dev.aisectriage.classify.ModelArtefact;
import dev.aisectriage.classify.OnnxEncoder;
import dev.aisectriage.classify.Pooling;
import dev.aisectriage.classify.Taxonomy;
import dev.aisectriage.classify.TextWindow;
import dev.aisectriage.training.EmbeddingCache;
import dev.aisectriage.training.LabelledData;
import dev.aisectriage.training.Trainer;
import dev.aisectriage.training.TrainerOptions;
import dev.aisectriage.training.TrainingSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains the heads on the shared labelled data and writes the model artefact the bot ships with. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = "Train the security, theme and issue-type heads on labelled JSONL and write the model artefact.")
public final class TrainCommand implements Callable<Integer> {

    @Mixin
    TrainingSettings training = new TrainingSettings();

    /** The bundled encoder's name in the artefact. */
    public static final String ENCODER_NAME = "all-MiniLM-L6-v2-q";

    @Option(
            names = "--data-dir",
            defaultValue = "../shared/data",
            description = "Folder with *.jsonl and taxonomy.json (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--out",
            defaultValue = "src/main/resources/model",
            description = "Folder the artefact is written to (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--encoder-dir",
            description = "Train heads for this encoder (model.onnx + tokenizer.json) "
                    + "instead of the bundled MiniLM; copy the written heads.json.gz next to it for MODEL_DIR.")
    Path encoderDir;

    @Option(
            names = "--pooling",
            defaultValue = "MEAN",
            description =
                    "With --encoder-dir: MEAN or CLS, as the " + "encoder was trained (default: ${DEFAULT-VALUE}).")
    String pooling;

    @Option(
            names = "--prefix",
            defaultValue = "",
            description = "With --encoder-dir: text put before every post " + "(e5 expects 'query: ').")
    String prefix;

    @Override
    public Integer call() {
        TrainerOptions options = training.trainerOptions();
        List<Path> files = jsonlFiles(dataDir);
        Taxonomy taxonomy = Taxonomy.read(dataDir.resolve("taxonomy.json"));
        LabelledData data = LabelledData.read(files);
        TextWindow w = training.textWindow();
        long start = System.nanoTime();
        ModelArtefact.EncoderSpec spec = encoderDir == null
                ? encoderSpec(w, training.maxTokens, training.encoderInput())
                : new ModelArtefact.EncoderSpec(
                        encoderDir.toAbsolutePath().normalize().getFileName().toString(),
                        Pooling.parse(pooling),
                        w,
                        training.maxTokens,
                        prefix,
                        training.encoderInput());
        try (OnnxEncoder encoder = encoderDir == null
                ? OnnxEncoder.bundled(w, training.maxTokens)
                : OnnxEncoder.fromDirectory(encoderDir, spec.pooling(), w, training.maxTokens, prefix)) {
            EmbeddingCache cache = new EmbeddingCache(encoder, spec.name(), training.cacheDir);
            float[][] emb = cache.embedAll(
                    data.posts().stream().map(p -> spec.input().of(p.text())).toList(), System.out);
            TrainingSet set = data.withEmbeddings(emb);
            ModelArtefact artefact = new Trainer(options, taxonomy, spec).train(set);
            Path file = out.resolve(ModelArtefact.FILE_NAME);
            artefact.write(file);
            System.out.printf(
                    "trained %s on %d posts from %s in %.1f s; security threshold %.3f; wrote %s (%d KB)%n",
                    artefact.version(),
                    set.size(),
                    files.stream().map(p -> p.getFileName().toString()).toList(),
                    (System.nanoTime() - start) / 1e9,
                    artefact.securityThreshold(),
                    file,
                    sizeKb(file));
        }
        return 0;
    }

    static ModelArtefact.EncoderSpec encoderSpec(TextWindow w, int maxTokens, EncoderInput input) {
        return new ModelArtefact.EncoderSpec(ENCODER_NAME, Pooling.MEAN, w, maxTokens, "", input);
    }

    /** Every {@code *.jsonl} in the folder, sorted by name, so training order does not depend on the file system. */
    static List<Path> jsonlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("data folder " + dir + " does not exist");
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no *.jsonl in " + dir);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sizeKb(Path file) {
        try {
            return Files.size(file) / 1024;
        } catch (IOException e) {
            return -1;
        }
    }
}
