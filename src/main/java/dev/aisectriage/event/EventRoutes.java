package dev.aisectriage.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The routing table: which handlers run for which {@code event.action}. Built once in one place. */
public final class EventRoutes {

    private final Map<String, List<EventHandler>> routes = new LinkedHashMap<>();

    /**
     * Registers a handler for a key such as {@code issues.opened}: each delivery is parsed into {@code type} and the
     * handler is given that payload.
     */
    public <P> EventRoutes on(String key, PayloadType<P> type, PayloadHandler<P> handler) {
        return on(key, delivery -> handler.handle(delivery, type.parse(delivery)));
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
}
