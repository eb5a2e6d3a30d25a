package dev.aisectriage.classify;

import java.util.Locale;

/**
 * How a post longer than the encoder's window is cut. Measured in docs/model.md: the decisive sentence of a
 * security report is often near the end (stack trace, "this allows arbitrary code execution"), so the default keeps
 * the head and the tail.
 */
public enum TextWindow {
    /** The first {@code maxTokens} tokens. */
    HEAD,
    /** The first three quarters of the window from the head, the last quarter from the tail. */
    HEAD_TAIL,
    /** Up to four consecutive windows, embeddings averaged. */
    CHUNKS;

    public static TextWindow parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
