package dev.aisectriage.huggingface;

import java.util.List;

/**
 * Names of Hub events as the bot stores and routes them: {@code huggingface.<scope>} with the payload's action, so
 * that the routing table and the job queue serve both platforms. A scope the bot does not know, narrower than one
 * it knows ({@code discussion.comment.reaction}), is read as {@code update} of the broader scope, as the Hub's
 * documentation tells handlers to do.
 */
public final class HubEvents {

    public static final String PREFIX = "huggingface.";
    public static final String DISCUSSION = PREFIX + "discussion";
    public static final String DISCUSSION_COMMENT = PREFIX + "discussion.comment";

    /** The documented scopes, narrowest first so that a prefix match finds the closest one. */
    private static final List<String> KNOWN_SCOPES =
            List.of("discussion.comment", "discussion", "repo.content", "repo.config", "repo");

    private HubEvents() {}

    /** The stored event and action of one delivery. */
    public record Normalised(String event, String action) {}

    public static Normalised normalise(String scope, String action) {
        if (KNOWN_SCOPES.contains(scope)) {
            return new Normalised(PREFIX + scope, action);
        }
        for (String known : KNOWN_SCOPES) {
            if (scope.startsWith(known + ".")) {
                return new Normalised(PREFIX + known, "update");
            }
        }
        return new Normalised(PREFIX + scope, action);
    }

    /** True for events that came from the Hub. */
    public static boolean isHub(String event) {
        return event != null && event.startsWith(PREFIX);
    }
}
