package dev.aisectriage.huggingface;

import dev.aisectriage.core.ThreadPort;
import dev.aisectriage.core.ThreadRef.HubDiscussion;
import java.util.Optional;

/**
 * Everything the bot reads from and writes to the Hub: the thread port for its discussions (which have no labels),
 * and the bot's own account. Dry-run is the thread port's dry-run around it ({@code core/DryRunThreads}).
 */
public interface HubGateway extends ThreadPort {

    /** The bot's own account ({@code GET /api/whoami-v2}, fetched once); empty when the bot has no token. */
    Optional<HubUser> bot();

    /** The discussion's web address. */
    String webUrl(HubDiscussion discussion);
}
