package dev.aisectriage.cli;

import dev.aisectriage.classify.EncoderInput;
import dev.aisectriage.classify.TextWindow;
import dev.aisectriage.training.TrainerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that say how heads are trained, shared by {@code train} and {@code eval --cv}. */
final class TrainingSettings {

    @Option(names = "--cache-dir", description = "Cache embeddings here between runs (use /tmp, never the repo).")
    Path cacheDir;

    @Option(
            names = "--window",
            defaultValue = "HEAD_TAIL",
            description = "Encoder window: HEAD, HEAD_TAIL or CHUNKS (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--max-tokens", defaultValue = "256", description = "Encoder window size in tokens.")
    int maxTokens;

    @Option(
            names = "--encoder-input",
            defaultValue = "TEXT",
            description = "What the encoder reads of a post: RAW (as given), TEXT (without the listing's header lines"
                    + " and HTML comments) or PROSE (title and the post's own sentences, nothing pasted)"
                    + " (default: ${DEFAULT-VALUE}).")
    String encoderInput;

    @Option(
            names = "--weak-negatives",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Train the security head on the weak negatives too (default: ${DEFAULT-VALUE}).")
    boolean weakNegatives;

    @Option(names = "--seed", defaultValue = "42")
    long seed;

    @Option(names = "--set", description = "Override a trainer option, name=value (repeatable).")
    List<String> settings = new ArrayList<>();

    EncoderInput encoderInput() {
        return EncoderInput.parse(encoderInput);
    }

    TextWindow textWindow() {
        return TextWindow.parse(window);
    }

    TrainerOptions trainerOptions() {
        TrainerOptions o = TrainerOptions.defaults().withSeed(seed).withWeakNegatives(weakNegatives);
        for (String s : settings) {
            o = o.with(s);
        }
        return o;
    }
}
