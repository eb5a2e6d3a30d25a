package dev.aisectriage.cli;

import dev.aisectriage.training.LabelledData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the labelled JSONL files of {@code eval}, turning a missing, malformed or empty file into a {@link UserError}. */
final class LabelledFiles {

    private LabelledFiles() {}

    static LabelledData read(List<Path> files) {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new UserError("--data " + f + ": no such file: give a labelled JSONL file (one post per line)");
            }
        }
        LabelledData data;
        try {
            data = LabelledData.read(files);
        } catch (IllegalArgumentException e) {
            // The reader names the file and line first; Jackson then adds where in the line, which says no more.
            String message = e.getMessage().replaceFirst("(?s)\\s*at \\[Source:.*$", "");
            throw new UserError(
                    message + ": each line must be a JSON object with at least 'text' (see docs/model.md)", e);
        }
        if (data.posts().isEmpty()) {
            throw new UserError("--data "
                    + String.join(", ", files.stream().map(Path::toString).toList())
                    + ": no labelled posts in the file: give a JSONL file with one labelled post per line");
        }
        return data;
    }
}
