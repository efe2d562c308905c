package io.wharf.daemon.internal.events;

import io.wharf.api.common.Filters;
import io.wharf.api.events.Event;
import java.util.Map;
import java.util.Set;

/** dockerd's event filter semantics: values of one key are alternatives, all keys must match. */
final class EventFilter {
    static final Set<String> KEYS = Set.of("type", "event", "container", "image", "label", "network", "volume",
            "daemon", "plugin", "scope", "config", "node", "secret", "service", "builder");

    private final Filters filters;

    EventFilter(Filters filters) {
        this.filters = filters.validate(KEYS);
    }

    boolean matches(Event e) {
        if (filters.isEmpty()) {
            return true;
        }
        Map<String, String> attrs = e.attributes();
        return filters.exactMatch("type", e.type())
                && matchesAction(e.action())
                && filters.exactMatch("scope", e.scope())
                && filters.labelsMatch("label", attrs)
                && matchesObject("container", "container", e)
                && matchesImage(e)
                && matchesObject("network", "network", e)
                && matchesObject("volume", "volume", e)
                && matchesObject("daemon", "daemon", e)
                && matchesObject("plugin", "plugin", e)
                && matchesObject("builder", "builder", e);
    }

    // "exec_start: sh -c ..." matches the filter "exec_start".
    private boolean matchesAction(String action) {
        Set<String> set = filters.get("event");
        if (set.isEmpty()) {
            return true;
        }
        String head = action;
        int colon = action.indexOf(':');
        if (colon > 0) {
            head = action.substring(0, colon);
        }
        return set.contains(action) || set.contains(head);
    }

    // An object filter matches the actor's ID, an ID prefix, or its name; events of other types never match.
    private boolean matchesObject(String key, String type, Event e) {
        Set<String> set = filters.get(key);
        if (set.isEmpty()) {
            return true;
        }
        if (!type.equals(e.type())) {
            return false;
        }
        String name = e.attributes().get("name");
        for (String v : set) {
            if (e.actorId().equals(v) || e.actorId().startsWith(v) || v.equals(name)) {
                return true;
            }
        }
        return false;
    }

    // dockerd matches image filters against image events' actor and other events' image attribute.
    private boolean matchesImage(Event e) {
        Set<String> set = filters.get("image");
        if (set.isEmpty()) {
            return true;
        }
        String image = "image".equals(e.type()) ? e.actorId() : e.attributes().get("image");
        String name = e.attributes().get("name");
        for (String v : set) {
            if (v.equals(image) || v.equals(name) || stripTag(v).equals(stripTag(image))) {
                return true;
            }
        }
        return false;
    }

    private static String stripTag(String ref) {
        if (ref == null) {
            return "";
        }
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        return colon > slash ? ref.substring(0, colon) : ref;
    }
}
