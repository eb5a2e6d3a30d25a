package dev.aisectriage.reliability;

import java.util.regex.Pattern;

/** Reads the service's log lines (slf4j-simple: {@code TIME [thread] LEVEL logger - message}). */
final class LogLines {

    private static final Pattern LEVEL_ERROR = Pattern.compile("^\\S+ \\[[^\\]]*\\] ERROR ");
    private static final Pattern TRACE = Pattern.compile(
            "^(\\tat |\\t\\.\\.\\. \\d+ more|Caused by: |\\tSuppressed: |([a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error)\\b)");

    private LogLines() {}

    static boolean isError(String line) {
        return LEVEL_ERROR.matcher(line).find();
    }

    /** A line of a stack trace: a frame, a cause, or an exception's first line. */
    static boolean isTrace(String line) {
        return TRACE.matcher(line).find();
    }

    static boolean isErrorOrTrace(String line) {
        return isError(line) || isTrace(line);
    }
}
