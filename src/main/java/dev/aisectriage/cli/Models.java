package dev.aisectriage.cli;

import dev.aisectriage.classify.Classifier;
import dev.aisectriage.classify.ClassifierLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the classifier for a command, turning a model folder that cannot be used into a {@link UserError}. */
final class Models {

    private Models() {}

    /**
     * @param dir    a model folder, or null for the bundled model
     * @param source how the person named the folder ({@code MODEL_DIR}, {@code --model-dir}), for the message
     */
    static Classifier load(Path dir, String source) {
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                throw new UserError(source + " " + dir + " is not a folder: point it at a model folder"
                        + " (model.onnx, tokenizer.json and heads.json.gz or config.json) or leave it unset for the"
                        + " bundled model");
            }
            if (!Files.exists(dir.resolve("heads.json.gz")) && !Files.exists(dir.resolve("config.json"))) {
                throw new UserError(source + " " + dir + " holds no model: it needs heads.json.gz (from 'train')"
                        + " or config.json (a sequence classifier), next to model.onnx and tokenizer.json");
            }
        }
        try {
            return ClassifierLoader.load(dir);
        } catch (RuntimeException e) {
            if (dir == null) {
                throw e;
            }
            throw new UserError(
                    source + " " + dir + ": the model cannot be loaded (" + ErrorHandler.describe(e)
                            + "): check the folder's files against docs/model.md",
                    e);
        }
    }
}
