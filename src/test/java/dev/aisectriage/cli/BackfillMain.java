package dev.aisectriage.cli;

import dev.aisectriage.support.FakeClassifier;
import dev.aisectriage.support.PlainRenderer;
import picocli.CommandLine;

/** {@code backfill} in a child process, with the test classifier and renderer that the test's serve uses too. */
public final class BackfillMain {

    private BackfillMain() {}

    public static void main(String[] args) {
        int code = new CommandLine(new BackfillCommand(
                        System.getenv(),
                        dir -> new FakeClassifier(),
                        PlainRenderer::new,
                        // the stand-in GitHub has no content limits
                        () -> new WriteBudget(java.time.Clock.systemUTC(), WriteBudget.Sleeper.REAL, 100_000, 100_000)))
                .execute(args);
        System.exit(code);
    }
}
