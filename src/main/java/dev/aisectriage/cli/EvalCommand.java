package dev.aisectriage.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the issue that owns 'eval'.
@Command(name = "eval", description = "not built yet")
public final class EvalCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("'eval' is not built yet");
        return 2;
    }
}
