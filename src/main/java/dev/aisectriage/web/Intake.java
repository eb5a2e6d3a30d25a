package dev.aisectriage.web;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.event.EventRoutes;
import dev.aisectriage.queue.JobQueue;
import dev.aisectriage.store.Deliveries;
import dev.aisectriage.store.DeliveryOutcome;

/**
 * What both webhook endpoints do with a checked delivery: record it when it is not handled, or queue its job
 * through the job queue (in the transaction that stores it) and wake a worker.
 *
 * @param jobQueued called after a job was queued (wakes an idle worker)
 */
public record Intake(EventRoutes routes, Deliveries deliveries, JobQueue queue, Runnable jobQueued) {

    /** Why the routes do not handle the delivery, or null when they do. */
    String unhandled(Delivery delivery) {
        return routes.handles(delivery.event(), delivery.action()) ? null : "not handled: " + delivery.key();
    }

    DeliveryOutcome record(Delivery delivery, DeliveryOutcome outcome, String reason) {
        return deliveries.record(delivery, outcome, reason);
    }

    DeliveryOutcome queue(Delivery delivery) {
        DeliveryOutcome outcome = queue.enqueue(delivery);
        if (outcome == DeliveryOutcome.QUEUED) {
            jobQueued.run();
        }
        return outcome;
    }
}
