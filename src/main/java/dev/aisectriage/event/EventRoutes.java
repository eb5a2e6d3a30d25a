package dev.aisectriage.event;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The routing table: which handlers run for which {@code event.action}. Built once in one place. */
public final class EventRoutes {

    private final Map<String, List<EventHandler>> routes = new LinkedHashMap<>();

    /** Registers a handler for a key such as {@code issues.opened} (or {@code ping} for events without action). */
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
