package dev.aisectriage.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class CacheDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void bothGetTheSameCacheFolderWhenClaimedTwiceInOneProcessGivenAFreeFolder() {
        // when this process claims the folder twice (two gateways of one process)
        Path first = CacheDirectory.claim(dir.resolve("github-cache")).orElseThrow();
        Path second = CacheDirectory.claim(dir.resolve("github-cache")).orElseThrow();

        // then both use the same folder, created, beside the lock
        assertThat(second).isEqualTo(first).isDirectory();
        assertThat(first.getParent().resolve("lock")).exists();
    }

    @Test
    void thereIsNoCacheWhenClaimedGivenAnotherProcessHoldingTheFolder() throws Exception {
        // given another JVM holding the cache folder's lock
        Path folder = Files.createDirectories(dir.resolve("shared-cache"));
        Process other = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Holder.class.getName(),
                        folder.resolve("lock").toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("held");

            // when this process claims it, then it gets no cache folder (it runs without a cache)
            assertThat(CacheDirectory.claim(folder)).isEmpty();
        } finally {
            other.getOutputStream().close();
            other.waitFor();
        }
    }

    /** Holds a lock file until its standard input closes. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel =
                            FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = channel.lock()) {
                System.out.println("held");
                System.out.flush();
                System.in.read();
            }
        }
    }
}
