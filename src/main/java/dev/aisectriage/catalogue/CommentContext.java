package dev.aisectriage.catalogue;

import dev.aisectriage.classify.Prediction;
import dev.aisectriage.disclosure.PrivateChannel;
import java.util.List;

/**
 * Everything the comment needs about one thread.
 *
 * @param repository        {@code owner/name}
 * @param publicRepository  whether anyone can read the thread (disclosure safety depends on it)
 * @param postText          title and body (and the comments that were classified with it)
 * @param prediction        the classifier's verdict (its theme the maintainers' when they corrected it)
 * @param configErrors      problems found in the repository's {@code .github/ai-security-triage.yml}, shown in the footer
 * @param flavour           the platform's Markdown: GitHub's unless the thread is on the Hugging Face Hub
 * @param correction        the maintainers' correction the verdict follows, or null for the model's own verdict
 * @param channel           where a reporter of an undisclosed vulnerability is sent, as checked on GitHub; null when it
 *     was not checked (the comment then names both of GitHub's channels)
 * @param notifiedPrivately the maintainers got the report privately (a draft advisory): the comment says only that
 */
public record CommentContext(
        String repository,
        boolean publicRepository,
        String postText,
        Prediction prediction,
        List<String> configErrors,
        Flavour flavour,
        Correction correction,
        PrivateChannel channel,
        boolean notifiedPrivately) {

    public CommentContext {
        configErrors = configErrors == null ? List.of() : List.copyOf(configErrors);
        flavour = flavour == null ? Flavour.GITHUB : flavour;
    }

    /** A thread in this flavour, its verdict the model's own, its private channel not checked. */
    public CommentContext(
            String repository,
            boolean publicRepository,
            String postText,
            Prediction prediction,
            List<String> configErrors,
            Flavour flavour) {
        this(repository, publicRepository, postText, prediction, configErrors, flavour, null, null, false);
    }

    /** A thread on GitHub. */
    public CommentContext(
            String repository,
            boolean publicRepository,
            String postText,
            Prediction prediction,
            List<String> configErrors) {
        this(repository, publicRepository, postText, prediction, configErrors, Flavour.GITHUB);
    }

    /** The same thread rendered in another flavour. */
    public CommentContext in(Flavour other) {
        return with(other, correction, channel, notifiedPrivately);
    }

    /** The same thread, its reporter sent to {@code checked} (null: not checked). */
    public CommentContext reaching(PrivateChannel checked) {
        return with(flavour, correction, checked, notifiedPrivately);
    }

    /** The same thread, its maintainers notified privately. */
    public CommentContext notified() {
        return with(flavour, correction, channel, true);
    }

    /** The same thread, its verdict following a maintainers' correction (none when null). */
    public CommentContext following(Correction other) {
        return with(flavour, other, channel, notifiedPrivately);
    }

    /** The same thread, what the comment says about it changed. */
    private CommentContext with(Flavour f, Correction c, PrivateChannel reach, boolean notified) {
        return new CommentContext(
                repository, publicRepository, postText, prediction, configErrors, f, c, reach, notified);
    }

    /**
     * A maintainers' correction that a thread's verdict follows: one of this thread, or one of a post of the same
     * repository very close to it.
     *
     * @param number     the corrected thread's number
     * @param url        its web address, or null
     * @param similarity how close the two posts are (cosine of their sentence embeddings; 1 on the thread itself)
     * @param thisThread whether the maintainers corrected this very thread
     * @param security   the verdict they gave
     */
    public record Correction(int number, String url, double similarity, boolean thisThread, boolean security) {}
}
