package dev.aisectriage.core;

/**
 * A signed payload the bot cannot act on (no issue or repository, an id that is not a positive whole number, a
 * repository name that is not {@code owner/name}, a field that does not bind to its type).
 * Retrying cannot fix it: its job is dead-lettered at once with this message, and nothing is sent to GitHub.
 */
public final class MalformedPayloadException extends IllegalArgumentException {

    public MalformedPayloadException(String message) {
        super(message);
    }
}
