package dev.aisectriage.event;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;

/**
 * One behaviour reacting to one kind of event, given its typed payload. A handler must be idempotent: a job
 * interrupted after some of its side effects ran is run again from the start.
 *
 * @param <P> the payload's class, named with the route ({@link EventRoutes#on(String, PayloadType, PayloadHandler)})
 */
@FunctionalInterface
public interface PayloadHandler<P> {

    /**
     * @param delivery the stored delivery (its id and action); the handler reads the payload only through {@code
     *     payload}
     * @param lease the job's lease of the thread (see {@link EventHandler#handle})
     */
    void handle(Delivery delivery, P payload, Lease lease) throws Exception;
}
