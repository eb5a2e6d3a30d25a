package dev.aisectriage.core;

/**
 * A label added to or removed from a thread ({@code labeled} / {@code unlabeled}), as the feedback handler reads it.
 *
 * @param added true for {@code labeled}, false for {@code unlabeled}
 * @param label the label's name; empty when the payload names none (a label deleted from the repository)
 */
public record LabelChange(ThreadPost thread, Actor sender, boolean added, String label) {}
