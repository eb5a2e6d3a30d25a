package dev.aisectriage.support;

import dev.aisectriage.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * One command of the CLI run in this JVM with an empty environment: its exit code, everything it printed to standard
 * output (picocli's own output included) and to standard error (its messages, and the log lines written meanwhile).
 */
public record CliRun(int exit, String out, String err) {

    public static CliRun of(String... args) {
        PrintStream previousOut = System.out;
        PrintStream previousErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cli = Cli.commandLine(Map.of());
            cli.setOut(new PrintWriter(System.out, true));
            cli.setErr(new PrintWriter(System.err, true));
            int exit = cli.execute(args);
            cli.getOut().flush();
            cli.getErr().flush();
            return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(previousOut);
            System.setErr(previousErr);
        }
    }
}
