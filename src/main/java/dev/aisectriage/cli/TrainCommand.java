package dev.aisectriage.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the issue that owns 'train'.
@Command(name = "train", description = "not built yet")
public final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("'train' is not built yet");
        return 2;
    }
}
