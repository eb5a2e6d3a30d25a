package dev.aisectriage.catalogue;

/** The hidden HTML comment by which the bot finds its own comment on a thread again. */
public final class CommentMarker {

    public static final String MARKER = "<!-- ai-security-triage:comment -->";

    private CommentMarker() {}

    public static boolean isOurs(String body) {
        return body != null && body.contains(MARKER);
    }
}
