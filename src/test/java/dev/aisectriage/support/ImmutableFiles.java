package dev.aisectriage.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Makes the existing ones of some files immutable ({@code chattr +i}) until closed: root ignores permission bits, so
 * this is how a test gives the service a store it cannot write. Skips the test where the flag is not available.
 */
public final class ImmutableFiles implements AutoCloseable {

    private final List<Path> immutable = new ArrayList<>();

    private ImmutableFiles() {}

    /** Every path that exists is made immutable; the test is skipped unless all of them could be. */
    public static ImmutableFiles of(Path... paths) {
        List<Path> files = Stream.of(paths).filter(Files::exists).toList();
        ImmutableFiles made = new ImmutableFiles();
        for (Path f : files) {
            if (chattr("+i", f)) {
                made.immutable.add(f);
            }
        }
        if (made.immutable.size() != files.size()) {
            made.close();
        }
        assumeTrue(
                made.immutable.size() == files.size(),
                "chattr +i is not available here (not root, or no immutable flag on this file system): skipped");
        return made;
    }

    @Override
    public void close() {
        immutable.forEach(f -> chattr("-i", f));
        immutable.clear();
    }

    private static boolean chattr(String flag, Path file) {
        try {
            Process p = new ProcessBuilder("chattr", flag, file.toString())
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
