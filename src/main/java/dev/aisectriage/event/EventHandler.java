package dev.aisectriage.event;

/**
 * What a job runs for one stored delivery. The bot's behaviours are {@link PayloadHandler}s: the routing table wraps
 * each in one of these, which parses the delivery into the handler's payload type first.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(WebhookEvent event) throws Exception;
}
