package dev.aisectriage.event;

import dev.aisectriage.core.ThreadPost;
import java.util.Optional;

/**
 * {@code /ai-security <verb> [argument]} on a line of its own in a comment.
 *
 * <p>Parsed line by line in one pass: a regular expression over the whole text ({@code (?m)^\s*…}) is quadratic on a
 * comment made of line breaks, and took a worker 38 s on GitHub's longest comment (issue 9). Only the first {@link
 * #MAX_CHARS} characters are read, and every character is looked at a bounded number of times.
 */
public record SlashCommand(String verb, String argument) {

    /** GitHub's maximum comment length; nothing GitHub sends is longer, so text past it is not read. */
    public static final int MAX_CHARS = ThreadPost.MAX_TEXT_CHARS;

    static final String PREFIX = "/ai-security";

    public static Optional<SlashCommand> parse(String body) {
        if (body == null) {
            return Optional.empty();
        }
        int end = Math.min(body.length(), MAX_CHARS);
        int start = 0;
        while (start < end) {
            int lineEnd = start;
            while (lineEnd < end && !isLineBreak(body.charAt(lineEnd))) {
                lineEnd++;
            }
            Optional<SlashCommand> command = parseLine(body, start, lineEnd);
            if (command.isPresent()) {
                return command;
            }
            start = lineEnd + 1;
        }
        return Optional.empty();
    }

    /** One line, {@code [start, end)}: blanks, the prefix, blanks, a verb of {@code [a-z-]}, blanks, the argument. */
    private static Optional<SlashCommand> parseLine(String body, int start, int end) {
        int i = skipBlanks(body, start, end);
        if (i + PREFIX.length() > end || !body.startsWith(PREFIX, i)) {
            return Optional.empty();
        }
        i += PREFIX.length();
        int verbStart = skipBlanks(body, i, end);
        if (verbStart == i) {
            return Optional.empty(); // "/ai-securityexplain"
        }
        int verbEnd = verbStart;
        while (verbEnd < end && isVerbChar(body.charAt(verbEnd))) {
            verbEnd++;
        }
        if (verbEnd == verbStart || (verbEnd < end && !isBlank(body.charAt(verbEnd)))) {
            return Optional.empty();
        }
        int argumentStart = skipBlanks(body, verbEnd, end);
        int argumentEnd = end;
        while (argumentEnd > argumentStart && isBlank(body.charAt(argumentEnd - 1))) {
            argumentEnd--;
        }
        return Optional.of(
                new SlashCommand(body.substring(verbStart, verbEnd), body.substring(argumentStart, argumentEnd)));
    }

    private static int skipBlanks(String body, int from, int end) {
        int i = from;
        while (i < end && isBlank(body.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isVerbChar(char c) {
        return (c >= 'a' && c <= 'z') || c == '-';
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u000B';
    }
}
