package dev.aisectriage.huggingface;

import java.util.List;
import java.util.Optional;

/**
 * Everything the bot reads from and writes to the Hub, one method per call. Every write goes through here, and so
 * does dry-run: a dry-run gateway logs {@code owner/name#12: would comment …}, records it and sends nothing.
 */
public interface HubGateway {

    /** The bot's own account ({@code GET /api/whoami-v2}, fetched once); empty when the bot has no token. */
    Optional<HubUser> bot();

    /** The discussion's comments, oldest first (to find the bot's own by its marker); empty without a token. */
    List<HubComment> comments(HubDiscussionRef discussion);

    /** Posts a comment and answers its id. */
    String createComment(HubDiscussionRef discussion, String body);

    void editComment(HubDiscussionRef discussion, String commentId, String body);

    boolean dryRun();
}
