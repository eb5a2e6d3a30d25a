package dev.aisectriage.classify;

/** Which part of a post the sentence encoder reads. */
public enum EncoderInput {
    /** The post as given (artefacts before round 4). */
    RAW,
    /** The post without the lines a listing adds around it and without HTML comments ({@link PostText#text()}). */
    TEXT,
    /** The title and the post's own sentences, without what was pasted ({@link PostText#prose()}). */
    PROSE;

    /** The text the encoder reads of a raw post. */
    public String of(String raw) {
        return of(raw, PostText.of(raw));
    }

    /** The text the encoder reads of a post already split. */
    public String of(String raw, PostText post) {
        return switch (this) {
            case RAW -> raw == null ? "" : raw;
            case TEXT -> post.text();
            case PROSE -> post.prose().strip();
        };
    }

    public static EncoderInput parse(String s) {
        return s == null || s.isBlank() ? RAW : valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
