package dev.aisectriage.cli;

import picocli.CommandLine.Command;

@Command(
        name = "ai-security-triage",
        mixinStandardHelpOptions = true,
        version = "ai-security-triage 0.1.0",
        description = "Triages security reports in AI/ML projects.",
        subcommands = {
            ServeCommand.class,
            ClassifyCommand.class,
            EvalCommand.class,
            TrainCommand.class,
            BackfillCommand.class,
            SendFixtureCommand.class,
            ExportFeedbackCommand.class
        })
public final class Cli implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
