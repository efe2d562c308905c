package io.wharf.api.events;

import io.wharf.api.common.Filters;

/**
 * Which events a subscriber wants.
 *
 * @param sinceNano replay stored events from this time (nanoseconds since the epoch), or -1 for none
 * @param untilNano stop at this time, or -1 to follow without end
 * @param filters dockerd's event filters: type, event, container, image, label, network, volume, daemon,
 *     plugin, scope, config, node, secret, service
 */
public record EventQuery(long sinceNano, long untilNano, Filters filters) {
    public EventQuery {
        filters = filters == null ? Filters.empty() : filters;
    }

    public static EventQuery live() {
        return new EventQuery(-1, -1, Filters.empty());
    }
}
