package dev.aisectriage.core;

import java.util.List;

/**
 * What the bot does on a thread, whichever platform it lives on: read its comments, keep its one comment, label it
 * where the platform has labels ({@link ThreadRef#hasLabels()}), and hide a comment that repeats a leaked exploit
 * where the platform can. GitHub's gateway and the Hub's implement it;
 * {@link DryRunThreads} is dry-run for both, and {@link Platforms} hands each thread to its platform's.
 */
public interface ThreadPort {

    /** The thread's comments, oldest first (to find the bot's own by its marker). */
    List<Comment> comments(ThreadRef thread);

    /** Posts a comment and answers its id. */
    String createComment(ThreadRef thread, String body);

    void editComment(ThreadRef thread, String commentId, String body);

    /** Adds labels to a thread, leaving the ones it has (never replaces them). */
    void addLabels(ThreadRef thread, List<String> labels);

    /** Removes one label from a thread; a thread that no longer has it is left as it is. */
    void removeLabel(ThreadRef thread, String label);

    /**
     * Hides a comment for everyone, reversibly (GitHub's "minimize", shown as off-topic): the comment stays and a
     * maintainer can show it again. Safe to repeat. A platform that offers no such call refuses.
     *
     * @param commentNodeId the comment's node id ({@code node_id} of GitHub's payload)
     */
    default HiddenComment hideComment(ThreadRef thread, String commentNodeId) {
        throw new UnsupportedOperationException(thread + ": comments cannot be hidden on this platform");
    }
}
