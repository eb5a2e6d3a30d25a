package dev.aisectriage.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The output of a child process (a service under test), read line by line on a daemon until the child exits. */
public final class ChildOutput {

    private ChildOutput() {}

    /** Reads the child's output on a daemon thread, which ends after the last line: join it to have them all. */
    public static Thread follow(Process child, Consumer<String> line) {
        Thread reader = new Thread(
                () -> {
                    try (BufferedReader r =
                            new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String l = r.readLine(); l != null; l = r.readLine()) {
                            line.accept(l);
                        }
                    } catch (IOException ignored) {
                        // the stream closes when the child is killed
                    }
                },
                "child-" + child.pid() + "-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /**
     * The first line that starts with {@code prefix}, waited for up to a minute; else an error quoting what the child
     * printed meanwhile.
     */
    public static String awaitLine(BlockingQueue<String> out, String prefix) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < end) {
            String line = out.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
        throw new AssertionError("child never printed '" + prefix + "'; output:\n" + seen);
    }
}
