package dev.aisectriage.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aisectriage.catalogue.CommentMarker;
import dev.aisectriage.store.Threads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code issue_comment.created} / {@code discussion_comment.created} by a person on a thread not yet flagged:
 * the security angle often shows up in a reply, so the thread is classified again with the reply included.
 */
public final class RetriageOnReply implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RetriageOnReply.class);

    private final TriageThread triage;
    private final Threads threads;

    public RetriageOnReply(TriageThread triage, Threads threads) {
        this.triage = triage;
        this.threads = threads;
    }

    @Override
    public void handle(WebhookEvent event) {
        JsonNode comment = event.payload().path("comment");
        String body = ThreadPost.capped(comment.path("body").asText(""));
        if (ThreadPost.isBot(comment.path("user")) || SlashCommand.parse(body).isPresent() || body.isBlank()) {
            return;
        }
        if (CommentMarker.isOurs(body)) {
            // the bot's words (or a copy of them) say nothing about the thread
            LOG.info("{}: a reply carrying the bot's marker is not the reporter's text; ignored", event.deliveryId());
            return;
        }
        if (event.payload().path("issue").has("pull_request")) {
            return; // pull requests are not triaged; only slash commands apply to them
        }
        ThreadPost post = ThreadPost.of(event);
        boolean flagged =
                threads.find(post.ref()).map(Threads.ThreadState::flagged).orElse(false);
        if (flagged) {
            LOG.debug("{}: already flagged; a reply changes nothing", post.ref());
            return;
        }
        String id = comment.hasNonNull("node_id") && post.ref().kind() == dev.aisectriage.core.ThreadRef.Kind.DISCUSSION
                ? comment.get("node_id").asText()
                : comment.path("id").asText();
        threads.addReply(post.ref(), id, body);
        triage.triage(post);
    }
}
