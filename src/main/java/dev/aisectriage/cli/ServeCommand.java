package dev.aisectriage.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the issue that owns 'serve'.
@Command(name = "serve", description = "not built yet")
public final class ServeCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("'serve' is not built yet");
        return 2;
    }
}
