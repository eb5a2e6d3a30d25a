package dev.aisectriage.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Issue 10: one class, one job; no main source file over 300 lines. */
class ClassesStayUnder300LinesTest {

    private static final int MAX_LINES = 300;

    @Test
    void noFileIsOver300WhenCountingLinesGivenTheMainSources() throws IOException {
        Path main = Path.of("src/main/java");
        assertThat(main).as("run from the project's root").isDirectory();
        List<String> over;
        try (Stream<Path> files = Files.walk(main)) {
            over = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> lines(f) > MAX_LINES)
                    .map(f -> main.relativize(f) + " (" + lines(f) + " lines)")
                    .toList();
        }
        assertThat(over).as("main classes over " + MAX_LINES + " lines").isEmpty();
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
