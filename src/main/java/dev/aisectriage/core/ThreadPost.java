package dev.aisectriage.core;

import java.time.Instant;
import java.util.Set;

/**
 * A thread as an event shows it, whichever platform sent it: what the triage reads.
 *
 * @param url the thread's web address, or null
 * @param labels the thread's labels when the event was sent
 * @param pullRequest a pull request (on GitHub it is labelled, never commented on)
 * @param createdAt when the thread was opened, as the platform says; null when the event does not say
 */
public record ThreadPost(
        ThreadRef ref,
        String url,
        String title,
        String body,
        Actor author,
        Set<String> labels,
        boolean publicRepository,
        boolean pullRequest,
        Instant createdAt) {

    /**
     * GitHub's maximum length of an issue, discussion or comment body: a job reads no more of any text than this, so
     * a signed payload with a longer one costs no more than the longest GitHub can send.
     */
    public static final int MAX_TEXT_CHARS = 65_536;

    /** The first {@link #MAX_TEXT_CHARS} characters of a text from a payload (null as empty). */
    public static String capped(String text) {
        String t = text == null ? "" : text;
        return t.length() > MAX_TEXT_CHARS ? t.substring(0, MAX_TEXT_CHARS) : t;
    }

    /** Title and body, as the classifier reads a post. */
    public String text() {
        return body.isBlank() ? title : title + "\n\n" + body;
    }

    /** The same post without its labels: what a maintainer's command asks for counts as the maintainer's own. */
    public ThreadPost withoutLabels() {
        return new ThreadPost(ref, url, title, body, author, Set.of(), publicRepository, pullRequest, createdAt);
    }
}
