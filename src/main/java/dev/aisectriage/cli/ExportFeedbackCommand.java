package dev.aisectriage.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

// PLACEHOLDER: replaced by the issue that owns 'export-feedback'.
@Command(name = "export-feedback", description = "not built yet")
public final class ExportFeedbackCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("'export-feedback' is not built yet");
        return 2;
    }
}
