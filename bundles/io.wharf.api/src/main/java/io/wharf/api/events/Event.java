package io.wharf.api.events;

import java.util.Map;

/**
 * One thing that happened to one object, in dockerd's event vocabulary.
 *
 * @param type the object type: container, image, volume, network, daemon, plugin, builder
 * @param action what happened: create, start, die, pull, tag, connect, reload, ...
 * @param actorId the object's ID (or name where dockerd uses the name)
 * @param attributes the object's attributes at the time (name, image, labels, exitCode, ...)
 * @param scope local or swarm
 * @param timeNano the time in nanoseconds since the epoch
 */
public record Event(String type, String action, String actorId, Map<String, String> attributes, String scope,
        long timeNano) {

    public Event {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        scope = scope == null ? "local" : scope;
    }

    /** A local event happening now. */
    public static Event now(String type, String action, String actorId, Map<String, String> attributes) {
        java.time.Instant t = java.time.Instant.now();
        return new Event(type, action, actorId, attributes, "local", t.getEpochSecond() * 1_000_000_000L + t.getNano());
    }

    public long timeSeconds() {
        return timeNano / 1_000_000_000L;
    }
}
