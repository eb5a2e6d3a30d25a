package dev.aisectriage.queue;

import dev.aisectriage.event.WebhookEvent;

/**
 * A claimed job: run the handlers for its event, then {@link JobQueue#complete} or {@link JobQueue#fail} it.
 *
 * @param attempts how many times the job has been claimed, this claim included
 * @param receivedAt when the delivery arrived (epoch ms)
 * @param threadKey the thread whose lease the claim took, null when the event has no thread
 */
public record Job(long id, int attempts, long receivedAt, WebhookEvent event, String threadKey) {}
