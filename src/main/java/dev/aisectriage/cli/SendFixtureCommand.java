package dev.aisectriage.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the issue that owns 'send-fixture'.
@Command(name = "send-fixture", description = "not built yet")
public final class SendFixtureCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("'send-fixture' is not built yet");
        return 2;
    }
}
