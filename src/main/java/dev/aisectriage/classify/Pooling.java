package dev.aisectriage.classify;

import java.util.Locale;

/** How token vectors become one sentence vector; must match how the encoder was trained. */
public enum Pooling {
    MEAN,
    CLS;

    public static Pooling parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
