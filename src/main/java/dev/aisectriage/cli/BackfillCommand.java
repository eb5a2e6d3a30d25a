package dev.aisectriage.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the issue that owns 'backfill'.
@Command(name = "backfill", description = "not built yet")
public final class BackfillCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("'backfill' is not built yet");
        return 2;
    }
}
