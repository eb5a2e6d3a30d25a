package dev.aisectriage;

import dev.aisectriage.cli.Cli;
import picocli.CommandLine;

/** Entry point of the jar: every use goes through a subcommand (serve, classify, eval, train, …). */
public final class App {

    private App() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new Cli()).execute(args));
    }
}
