package dev.aisectriage;

import dev.aisectriage.cli.Cli;

/** Entry point of the jar: every use goes through a subcommand (serve, classify, eval, train, …). */
public final class App {

    private App() {}

    public static void main(String[] args) {
        // DJL probes for a GPU and names its native library when the tokenizer loads: no GPU is used, and neither
        // line helps a user of any command.
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda", "error");
        System.exit(Cli.commandLine(System.getenv()).execute(args));
    }
}
