package dev.aisectriage.event;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;

/**
 * What a job runs for one stored delivery. The bot's behaviours are {@link PayloadHandler}s: the routing table wraps
 * each in one of these, which parses the delivery into the handler's payload type first.
 */
@FunctionalInterface
public interface EventHandler {

    /** @param lease the job's lease of the delivery's thread, handed down to every write that must happen once */
    void handle(Delivery delivery, Lease lease) throws Exception;
}
