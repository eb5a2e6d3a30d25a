package dev.aisectriage.catalogue;

import java.util.regex.Pattern;

/**
 * Keeps text the bot quotes (config errors, model and example ids) from notifying anyone: GitHub and the Hugging Face
 * Hub turn {@code @login} and {@code @org/team} into a mention, so a zero-width space goes after the {@code @}. The text
 * reads the same; an e-mail address ({@code @} after a letter or digit) is no mention and stays as it is.
 */
public final class Mentions {

    /** U+200B: invisible, and it breaks the mention as Renovate's and Dependabot's release notes do. */
    static final String BREAK = "\u200B";

    private static final Pattern MENTION = Pattern.compile("(?<![\\p{Alnum}_])@(?=[\\p{Alnum}_])");

    private Mentions() {}

    public static String neutralise(String text) {
        return text == null ? null : MENTION.matcher(text).replaceAll("@" + BREAK);
    }
}
