package dev.aisectriage.queue;

/** A job that failed too often, with what is needed to look into it. */
public record DeadLetter(
        long jobId,
        String deliveryId,
        String event,
        String action,
        String repository,
        int attempts,
        String lastError) {}
