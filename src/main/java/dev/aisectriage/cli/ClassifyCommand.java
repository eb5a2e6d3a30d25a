package dev.aisectriage.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the issue that owns 'classify'.
@Command(name = "classify", description = "not built yet")
public final class ClassifyCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("'classify' is not built yet");
        return 2;
    }
}
