package dev.aisectriage.core;

/**
 * A thread opened or edited.
 *
 * @param textChanged false for an edit whose changes name neither title nor body (an edit that names no changes is
 *     read again)
 */
public record PostEvent(ThreadPost post, boolean textChanged) {}
