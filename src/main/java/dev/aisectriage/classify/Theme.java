package dev.aisectriage.classify;

import java.util.Locale;

/** The four themes of the study's taxonomy, with the slug used in label names and repo config. */
public enum Theme {
    SYSTEM_SOFTWARE("system-software", "System & Software"),
    EXTERNAL_ECOSYSTEM("ecosystem", "External Tools & Ecosystem"),
    MODEL("model", "Model"),
    DATA("data", "Data");

    private final String slug;
    private final String title;

    Theme(String slug, String title) {
        this.slug = slug;
        this.title = title;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /** Accepts the enum name (`SYSTEM_SOFTWARE`) or the slug (`system-software`), any case. */
    public static Theme parse(String value) {
        String v = value.trim();
        for (Theme t : values()) {
            if (t.name().equalsIgnoreCase(v) || t.slug.equalsIgnoreCase(v)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown theme '" + value + "'; expected one of "
                + java.util.Arrays.stream(values()).map(Theme::slug).toList());
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
