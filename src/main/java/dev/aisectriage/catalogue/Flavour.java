package dev.aisectriage.catalogue;

/**
 * Which Markdown the comment is written in. GitHub's has folded sections, alerts and slash commands; the Hugging Face
 * Hub's discussions render plain Markdown only, and take no commands.
 */
public enum Flavour {
    GITHUB("github"),
    HUGGING_FACE_HUB("hub");

    private final String templates;

    Flavour(String templates) {
        this.templates = templates;
    }

    /** The folder of {@code src/main/jte/comment/} holding this flavour's templates. */
    String templates() {
        return templates;
    }
}
