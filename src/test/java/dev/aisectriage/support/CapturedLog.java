package dev.aisectriage.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What the code under test logs while it runs (slf4j-simple writes to standard error in the tests), echoed too. */
public final class CapturedLog {

    private CapturedLog() {}

    /** Runs the action and returns every line logged meanwhile, by any thread. */
    public static String during(Action action) {
        PrintStream previous = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            System.setErr(previous);
            previous.print(log.toString(StandardCharsets.UTF_8));
        }
        return log.toString(StandardCharsets.UTF_8);
    }

    /** Code under test, which may throw. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }
}
