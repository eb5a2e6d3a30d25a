package dev.aisectriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aisectriage.catalogue.SolutionRecommender;
import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.ClassifierLoader;
import dev.aisectriage.classify.EncoderInput;
import dev.aisectriage.classify.ModelArtefact;
import dev.aisectriage.classify.OnnxEncoder;
import dev.aisectriage.classify.Prediction;
import dev.aisectriage.classify.Taxonomy;
import dev.aisectriage.classify.TextWindow;
import dev.aisectriage.training.CrossValidation;
import dev.aisectriage.training.EmbeddingCache;
import dev.aisectriage.training.Evaluation;
import dev.aisectriage.training.LabelledData;
import dev.aisectriage.training.LabelledPost;
import dev.aisectriage.training.SolutionMappingLearner;
import dev.aisectriage.training.Spread;
import dev.aisectriage.training.TrainerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Scores the classifier on labelled JSONL: the committed model as is, or (with {@code --cv K}) K-fold
 * cross-validation grouped by repository, training the heads on each fold's training side.
 */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = "Evaluate the classifier on labelled JSONL files (shared format); --cv K cross-validates.")
public final class EvalCommand implements Callable<Integer> {

    @Mixin
    TrainingSettings training = new TrainingSettings();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--data", required = true, description = "Labelled JSONL file (repeatable).")
    List<Path> data = new ArrayList<>();

    @Option(names = "--json", description = "Write the figures as JSON to this file.")
    Path jsonOut;

    @Option(
            names = "--predictions",
            description = "Write every prediction (out of fold with --cv) as JSON lines to this file: id, labels,"
                    + " predicted security, probability, theme, top 3 issue types, keywords; never the text"
                    + " (with --seeds, those of the first seed's split).")
    Path predictionsOut;

    @Option(names = "--model-dir", description = "Evaluate this model folder instead of the bundled one.")
    Path modelDir;

    @Option(
            names = "--cv",
            defaultValue = "0",
            description = "K-fold cross-validation grouped by repository (trains per fold); 0 evaluates the model.")
    int folds;

    @Option(
            names = "--seeds",
            split = ",",
            description = "With --cv: repeat the cross-validation on these seeds (each one its own split of the posts)"
                    + " and report the mean of every figure over them, e.g. --seeds 42,7,99.")
    List<Long> seeds = new ArrayList<>();

    @Option(
            names = "--abstain-from",
            description = "With --cv: the abstain band's lower edge for the false-alarm report (default: each fold's"
                    + " model's own, as training chose it).")
    Double abstainFrom;

    @Option(
            names = "--taxonomy",
            description = "taxonomy.json for --cv (default: next to the first data file, "
                    + "else the bundled model's label space).")
    Path taxonomyFile;

    private final Function<List<LabelledPost>, SolutionRecommender> recommenders;

    public EvalCommand() {
        this(SolutionMappingLearner::recommenderTrainedOnOrShipped);
    }

    /**
     * @param recommenders builds a solution recommender from training posts (once for plain eval, once per fold
     *                     for --cv); null leaves {@code solutions.first_fix} and {@code hit_at_3} null
     */
    public EvalCommand(Function<List<LabelledPost>, SolutionRecommender> recommenders) {
        this.recommenders = recommenders;
    }

    @Override
    public Integer call() {
        LabelledData labelled = LabelledFiles.read(data);
        ObjectNode report = folds > 1 ? crossValidate(labelled) : evaluate(labelled);
        JsonNode predictions = report.remove("predictions");
        if (predictionsOut != null) {
            writePredictions(predictions);
        }
        if (jsonOut != null) {
            try {
                if (jsonOut.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(jsonOut.toAbsolutePath().getParent());
                }
                JSON.writerWithDefaultPrettyPrinter().writeValue(jsonOut.toFile(), report);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + jsonOut, e);
            }
            System.out.println("wrote " + jsonOut);
        }
        return 0;
    }

    private void writePredictions(JsonNode lines) {
        try {
            if (predictionsOut.toAbsolutePath().getParent() != null) {
                Files.createDirectories(predictionsOut.toAbsolutePath().getParent());
            }
            StringBuilder out = new StringBuilder();
            for (JsonNode line : lines) {
                out.append(JSON.writeValueAsString(line)).append('\n');
            }
            Files.writeString(predictionsOut, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + predictionsOut, e);
        }
        System.out.println("wrote " + lines.size() + " predictions to " + predictionsOut);
    }

    private ObjectNode evaluate(LabelledData labelled) {
        long t0 = System.nanoTime();
        Classifier classifier = Models.load(modelDir, "--model-dir");
        double loadMs = (System.nanoTime() - t0) / 1e6;
        List<Evaluation.Scored> scored = scoreAll(classifier, labelled);
        List<Evaluation.Scored> tune = tuneSubset(scored, labelled.tune());
        SolutionRecommender rec = recommenders == null ? null : recommenders.apply(List.of());
        ObjectNode report = Evaluation.report(scored, rec);
        ArrayNode lines = report.putArray("predictions");
        for (int i = 0; i < scored.size(); i++) {
            lines.add(Evaluation.predictionLine(scored.get(i), labelled.tune()[i]));
        }
        report.put("model_version", classifier.modelVersion());
        report.put("model_load_ms", Math.round(loadMs));
        report.set("files", JSON.valueToTree(data.stream().map(Path::toString).toList()));
        if (!tune.isEmpty() && tune.size() < scored.size()) {
            report.set("ai_issues", Evaluation.report(tune, rec));
        }
        EvalReports.print(System.out, "all posts", report);
        if (report.has("ai_issues")) {
            EvalReports.print(System.out, "AI-project issues (files with both labels)", report.get("ai_issues"));
        }
        closeIfCloseable(classifier);
        return report;
    }

    /** Every post scored by the classifier, with the time it took. */
    private static List<Evaluation.Scored> scoreAll(Classifier classifier, LabelledData labelled) {
        List<Evaluation.Scored> scored = new ArrayList<>();
        for (LabelledPost post : labelled.posts()) {
            long start = System.nanoTime();
            Prediction p = classifier.classify(post.text());
            scored.add(new Evaluation.Scored(post, p, (System.nanoTime() - start) / 1e6));
        }
        return scored;
    }

    /** The scored posts of the files with both labels (the AI-project issues). */
    private static List<Evaluation.Scored> tuneSubset(List<Evaluation.Scored> scored, boolean[] tune) {
        List<Evaluation.Scored> subset = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            if (tune[i]) {
                subset.add(scored.get(i));
            }
        }
        return subset;
    }

    private static void closeIfCloseable(Classifier classifier) {
        if (classifier instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private ObjectNode crossValidate(LabelledData labelled) {
        TrainerOptions options = training.trainerOptions();
        Taxonomy taxonomy = taxonomy();
        TextWindow w = training.textWindow();
        float[][] emb = embedAll(labelled, w);
        List<Long> runSeeds = seeds.isEmpty() ? List.of(options.seed()) : seeds;
        List<ObjectNode> reports = new ArrayList<>();
        for (long seed : runSeeds) {
            if (runSeeds.size() > 1) {
                System.out.printf("split with seed %d:%n", seed);
            }
            reports.add(CrossValidation.run(
                    labelled.withEmbeddings(emb),
                    taxonomy,
                    options.withSeed(seed),
                    TrainCommand.encoderSpec(w, training.maxTokens, training.encoderInput()),
                    folds,
                    recommenders,
                    abstainFrom,
                    System.out));
        }
        ObjectNode report = reports.get(0);
        if (runSeeds.size() > 1) {
            report.set("splits", Spread.overSplits(runSeeds, reports));
        }
        report.put("window", w.name());
        report.put("max_tokens", training.maxTokens);
        report.set("options", JSON.valueToTree(options));
        report.set("files", JSON.valueToTree(data.stream().map(Path::toString).toList()));
        EvalReports.printCrossValidation(report);
        return report;
    }

    /** The posts' embeddings by the bundled encoder, through the embedding cache. */
    private float[][] embedAll(LabelledData labelled, TextWindow w) {
        try (OnnxEncoder encoder = OnnxEncoder.bundled(w, training.maxTokens)) {
            EncoderInput input = training.encoderInput();
            return new EmbeddingCache(encoder, TrainCommand.ENCODER_NAME, training.cacheDir)
                    .embedAll(
                            labelled.posts().stream()
                                    .map(p -> input.of(p.text()))
                                    .toList(),
                            System.out);
        }
    }

    private Taxonomy taxonomy() {
        if (taxonomyFile != null) {
            return Taxonomy.read(taxonomyFile);
        }
        Path sibling = data.get(0).toAbsolutePath().getParent().resolve("taxonomy.json");
        if (Files.exists(sibling)) {
            return Taxonomy.read(sibling);
        }
        ModelArtefact bundled = ClassifierLoader.bundledArtefact();
        return new Taxonomy(bundled.issueTypes(), List.of());
    }
}
