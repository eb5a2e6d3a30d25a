package dev.aisectriage.cli;

import dev.aisectriage.config.AppConfig;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "ai-security-triage",
        mixinStandardHelpOptions = true,
        version = "ai-security-triage 0.1.0",
        description = "Triages security reports in AI/ML projects.",
        subcommands = {
            CommandLine.HelpCommand.class,
            ServeCommand.class,
            ClassifyCommand.class,
            EvalCommand.class,
            TrainCommand.class,
            BackfillCommand.class,
            SendFixtureCommand.class,
            ExportFeedbackCommand.class,
            MigrateStoreCommand.class,
            RebuildSolutionsCommand.class
        })
public final class Cli implements Runnable {

    /** The command line as the jar runs it: user errors are one line and exit code 2, traces only at debug. */
    public static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new Cli()).setExecutionExceptionHandler(new ErrorHandler(env));
        cli.getSubcommands()
                .get("serve")
                .getCommandSpec()
                .usageMessage()
                .width(120)
                .footerHeading("%nEnvironment (a .env file in the working folder is read too):%n")
                .footer(AppConfig.VARIABLES.stream().map(v -> "  " + v).toArray(String[]::new));
        return cli;
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
