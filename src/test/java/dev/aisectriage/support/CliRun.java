package dev.aisectriage.support;

import dev.aisectriage.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * One command of the CLI run in this JVM with an empty environment: its exit code and everything it printed to
 * standard output (picocli's own output included).
 */
public record CliRun(int exit, String out) {

    public static CliRun of(String... args) {
        PrintStream previous = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cli = Cli.commandLine(Map.of());
            cli.setOut(new PrintWriter(System.out, true));
            int exit = cli.execute(args);
            cli.getOut().flush();
            return new CliRun(exit, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previous);
        }
    }
}
