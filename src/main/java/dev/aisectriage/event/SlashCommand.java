package dev.aisectriage.event;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /ai-security <verb> [argument]} on a line of its own in a comment. */
public record SlashCommand(String verb, String argument) {

    private static final Pattern LINE =
            Pattern.compile("(?m)^\\s*/ai-security\\s+([a-z-]+)(?:[ \\t]+([^\\r\\n]+?))?\\s*$");

    public static Optional<SlashCommand> parse(String body) {
        if (body == null) {
            return Optional.empty();
        }
        Matcher m = LINE.matcher(body);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new SlashCommand(
                m.group(1).toLowerCase(Locale.ROOT),
                m.group(2) == null ? "" : m.group(2).trim()));
    }
}
