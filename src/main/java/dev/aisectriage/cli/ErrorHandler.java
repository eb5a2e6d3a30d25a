package dev.aisectriage.cli;

import dev.aisectriage.config.AppConfig;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into one line on standard error: user errors ({@link UserError}, a bad setting) exit
 * with 2, anything else with 1. The stack trace is printed only when {@code LOG_LEVEL} is debug or trace.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    private final Map<String, String> env;

    ErrorHandler(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int code;
        if (e instanceof UserError) {
            err.println(oneLine(e.getMessage()));
            code = UserError.EXIT_CODE;
        } else if (e instanceof AppConfig.ConfigException) {
            err.println("configuration error: " + oneLine(e.getMessage()));
            code = UserError.EXIT_CODE;
        } else {
            err.println("error: " + oneLine(describe(e)) + (debug() ? "" : " (LOG_LEVEL=debug prints the trace)"));
            code = 1;
        }
        if (debug()) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private boolean debug() {
        String level = env.getOrDefault("LOG_LEVEL", "").trim().toLowerCase(Locale.ROOT);
        return level.equals("debug") || level.equals("trace");
    }

    /** The message of the exception and of its causes, as far as they add something. */
    static String describe(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (b.indexOf(m) < 0) {
                b.append(b.length() == 0 ? "" : ": ").append(m);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return b.toString();
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
