package dev.aisectriage.event;

import dev.aisectriage.core.Delivery;
import dev.aisectriage.core.Lease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The routing table: which handlers run for which {@code event.action}. Built once in one place. */
public final class EventRoutes {

    private final Map<String, List<EventHandler>> routes = new LinkedHashMap<>();

    /**
     * Registers a handler for keys such as {@code issues.opened}: the delivery is parsed into {@code type} and the
     * handler is given that payload. Handlers registered one after the other on a key with the same type share one
     * parse.
     */
    public <P> EventRoutes on(PayloadType<P> type, PayloadHandler<P> handler, String... keys) {
        for (String key : keys) {
            List<EventHandler> handlers = routes.computeIfAbsent(key, k -> new ArrayList<>());
            if (!handlers.isEmpty()
                    && handlers.get(handlers.size() - 1) instanceof Typed<?> last
                    && last.type() == type) {
                @SuppressWarnings("unchecked") // the same PayloadType instance parses into the same P
                Typed<P> same = (Typed<P>) last;
                same.handlers().add(handler);
            } else {
                handlers.add(new Typed<>(type, new ArrayList<>(List.of(handler))));
            }
        }
        return this;
    }

    /** Registers a handler of the stored delivery itself (or {@code ping} for events without action). */
    public EventRoutes on(String key, EventHandler handler) {
        routes.computeIfAbsent(key, k -> new ArrayList<>()).add(handler);
        return this;
    }

    public boolean handles(String event, String action) {
        return !handlersFor(event, action).isEmpty();
    }

    public List<EventHandler> handlersFor(String event, String action) {
        String key = action == null || action.isEmpty() ? event : event + "." + action;
        return routes.getOrDefault(key, List.of());
    }

    public Set<String> keys() {
        return routes.keySet();
    }

    /** Parses the delivery once, then runs its handlers in the order they were registered. */
    private record Typed<P>(PayloadType<P> type, List<PayloadHandler<P>> handlers) implements EventHandler {

        @Override
        public void handle(Delivery delivery, Lease lease) throws Exception {
            P payload = type.parse(delivery);
            for (PayloadHandler<P> handler : handlers) {
                handler.handle(delivery, payload, lease);
            }
        }
    }
}
