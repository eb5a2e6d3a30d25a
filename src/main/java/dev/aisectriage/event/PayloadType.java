package dev.aisectriage.event;

import dev.aisectriage.core.Delivery;

/**
 * How one kind of stored delivery becomes its typed payload: checked, then bound (hub4j's {@code GHEventPayload} for
 * GitHub's events, a record of ours where hub4j has none). A payload the bot cannot act on fails with {@link
 * MalformedPayloadException}.
 *
 * @param <P> the payload's class
 */
@FunctionalInterface
public interface PayloadType<P> {

    P parse(Delivery delivery);
}
