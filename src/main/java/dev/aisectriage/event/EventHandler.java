package dev.aisectriage.event;

/**
 * One behaviour reacting to one kind of event. A handler must be idempotent: a job interrupted after some of its
 * side effects ran is run again from the start.
 */
@FunctionalInterface
public interface EventHandler {

    void handle(WebhookEvent event) throws Exception;
}
