package dev.aisectriage.classify;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Builds the service's {@link Classifier}: the bundled model, or a bring-your-own model from {@code MODEL_DIR}.
 *
 * <p>A model folder holds {@code model.onnx} and {@code tokenizer.json}, plus either {@code heads.json.gz} written
 * by {@code train} (the ONNX file is then the sentence encoder the heads were trained on) or a {@code config.json}
 * with {@code id2label} (the ONNX file is then a fine-tuned sequence classifier returning logits).
 */
public final class ClassifierLoader {

    /** Class-path location of the committed artefact. */
    public static final String BUNDLED_HEADS = "model/" + ModelArtefact.FILE_NAME;

    private ClassifierLoader() {}

    /** The bundled classifier when {@code modelDirOrNull} is null, else the one in that folder. */
    public static Classifier load(Path modelDirOrNull) {
        if (modelDirOrNull == null) {
            return bundled();
        }
        Path dir = modelDirOrNull;
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("MODEL_DIR " + dir + " is not a folder");
        }
        Path heads = dir.resolve(ModelArtefact.FILE_NAME);
        Path config = dir.resolve("config.json");
        if (Files.exists(heads)) {
            ModelArtefact artefact = ModelArtefact.read(heads);
            ModelArtefact.EncoderSpec spec = artefact.encoder();
            OnnxEncoder encoder = Files.exists(dir.resolve("model.onnx"))
                    ? OnnxEncoder.fromDirectory(dir, spec.pooling(), spec.window(), spec.maxTokens(), spec.prefix())
                    : OnnxEncoder.bundled(spec.window(), spec.maxTokens());
            return new HeadsClassifier(encoder, new HeadsModel(artefact));
        }
        if (Files.exists(config)) {
            require(dir, "model.onnx");
            require(dir, "tokenizer.json");
            return SequenceClassifier.fromDirectory(dir);
        }
        throw new IllegalArgumentException("MODEL_DIR " + dir + " holds neither " + ModelArtefact.FILE_NAME
                + " (heads from 'train') nor config.json (a sequence classifier with id2label)");
    }

    /** MiniLM from the langchain4j jar and the heads committed under {@code src/main/resources/model/}. */
    public static HeadsClassifier bundled() {
        ModelArtefact artefact = bundledArtefact();
        ModelArtefact.EncoderSpec spec = artefact.encoder();
        return new HeadsClassifier(OnnxEncoder.bundled(spec.window(), spec.maxTokens()), new HeadsModel(artefact));
    }

    public static ModelArtefact bundledArtefact() {
        try (InputStream in = ClassifierLoader.class.getClassLoader().getResourceAsStream(BUNDLED_HEADS)) {
            if (in == null) {
                throw new IllegalStateException(
                        "class path resource " + BUNDLED_HEADS + " is missing: run 'train' to create it");
            }
            return ModelArtefact.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void require(Path dir, String name) {
        if (!Files.exists(dir.resolve(name))) {
            throw new IllegalArgumentException("MODEL_DIR " + dir + " has no " + name);
        }
    }
}
