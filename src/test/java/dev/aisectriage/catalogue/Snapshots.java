package dev.aisectriage.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares rendered text with {@code src/test/resources/snapshots/<name>.md}. After an intended change, rewrite the
 * files with {@code ./mvnw -B -o test -Dtest=CommentSnapshotTest -Dsnapshots.update=true} and review the diff.
 */
final class Snapshots {

    static final Path DIR = Path.of("src/test/resources/snapshots");

    private Snapshots() {}

    static void assertMatches(String name, String actual) {
        Path file = DIR.resolve(name + ".md");
        try {
            if (Boolean.getBoolean("snapshots.update")) {
                Files.createDirectories(DIR);
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                fail("no snapshot " + file + "; create it with -Dsnapshots.update=true and review it");
            }
            assertThat(actual)
                    .as("rendered comment differs from %s (if intended: -Dsnapshots.update=true)", file)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
