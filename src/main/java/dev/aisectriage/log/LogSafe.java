package dev.aisectriage.log;

/**
 * Makes a value from outside (a payload, a header, an error message that quotes one) safe for one log line: line
 * breaks, NUL, terminal escapes and other control characters are written as escapes ({@code \n}, {@code \u0000}),
 * so a value can neither start a forged line nor reach a terminal or log shipper as a control sequence; a very long
 * value is cut.
 */
public final class LogSafe {

    /** Longest value written whole; longer ones are cut with a note of how much was left out. */
    public static final int MAX_CHARS = 500;

    private LogSafe() {}

    /** {@code String.valueOf(value)}, escaped and cut at {@link #MAX_CHARS}. */
    public static String text(Object value) {
        return escape(String.valueOf(value), MAX_CHARS);
    }

    /**
     * The same exception for the log: same class name, stack trace, causes and suppressed exceptions, but every
     * message escaped. Pass it as the last argument of a log call instead of the original.
     */
    public static Throwable throwable(Throwable t) {
        return copy(t, 0);
    }

    static String escape(String s, int max) {
        StringBuilder b = null;
        int n = Math.min(s.length(), max);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escaped = escapeOf(c);
            if (escaped != null && b == null) {
                b = new StringBuilder(n + 16).append(s, 0, i);
            }
            if (b != null) {
                if (escaped != null) {
                    b.append(escaped);
                } else {
                    b.append(c);
                }
            }
        }
        String out = b == null ? s.substring(0, n) : b.toString();
        return s.length() > max ? out + "…(" + (s.length() - max) + " more chars)" : out;
    }

    private static String escapeOf(char c) {
        switch (c) {
            case '\n':
                return "\\n";
            case '\r':
                return "\\r";
            case '\t':
                return "\\t";
            default:
                break;
        }
        int type = Character.getType(c);
        boolean unsafe = type == Character.CONTROL
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                // bidirectional overrides and isolates reorder what a reader sees on the line
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
        return unsafe ? String.format("\\u%04x", (int) c) : null;
    }

    private static Throwable copy(Throwable t, int depth) {
        if (t == null) {
            return null;
        }
        Throwable cause = depth < 16 && t.getCause() != t ? copy(t.getCause(), depth + 1) : null;
        Escaped e = new Escaped(escape(t.toString(), 4 * MAX_CHARS), cause);
        e.setStackTrace(t.getStackTrace());
        if (depth < 16) {
            for (Throwable s : t.getSuppressed()) {
                e.addSuppressed(copy(s, depth + 1));
            }
        }
        return e;
    }

    /** An exception that prints as the escaped {@code toString()} of the one it stands for. */
    private static final class Escaped extends Throwable {
        private final String text;

        Escaped(String text, Throwable cause) {
            super(text, cause, true, true);
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // the original's stack trace is set instead
        }
    }
}
