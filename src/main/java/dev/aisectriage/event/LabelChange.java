package dev.aisectriage.event;

import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHLabel;

/**
 * A label added to or removed from a thread ({@code labeled} / {@code unlabeled}), as the feedback handlers read it.
 *
 * @param label the label's name; empty when the payload names none (a label deleted from the repository)
 */
record LabelChange(Actor sender, String label) {

    static LabelChange of(GHEventPayload.Issue payload) {
        GHLabel label = payload.getLabel();
        return new LabelChange(Actor.of(payload.getSender()), label == null ? "" : nz(label.getName()));
    }

    static LabelChange of(DiscussionPayload payload) {
        DiscussionPayload.Label label = payload.label();
        return new LabelChange(Actor.of(payload.sender()), label == null ? "" : nz(label.name()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
