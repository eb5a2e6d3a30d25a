package dev.aisectriage.github;

import java.util.regex.Pattern;

/** A label the bot creates: colour as six hex digits without {@code #}, description of at most 100 characters. */
public record LabelSpec(String name, String color, String description) {

    private static final Pattern COLOR = Pattern.compile("[0-9a-fA-F]{6}");

    public LabelSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a label needs a name");
        }
        if (color == null || !COLOR.matcher(color).matches()) {
            throw new IllegalArgumentException(
                    "label '" + name + "': colour must be six hex digits without '#', got '" + color + "'");
        }
        if (description != null && description.length() > 100) {
            description = description.substring(0, 99) + "…";
        }
    }
}
