package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Theme;

/** One of the 32 issue types of the taxonomy, with the catalogue's own one-line description. */
public record IssueType(String id, String name, Theme theme, String subTheme, String description) {}
