package dev.aisectriage.queue;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;

/**
 * A claimed job: run the handlers for its delivery under its lease, then {@link JobQueue#complete} or {@link
 * JobQueue#fail} it.
 *
 * @param attempts how many times the job has been claimed, this claim included
 * @param receivedAt when the delivery arrived (epoch ms)
 * @param lease the thread's lease the claim took for its worker (no thread key when the event has no thread)
 */
public record Job(long id, int attempts, long receivedAt, Delivery delivery, Lease lease) {}
