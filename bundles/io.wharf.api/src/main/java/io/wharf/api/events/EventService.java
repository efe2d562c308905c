package io.wharf.api.events;

import io.wharf.api.common.Subscription;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The engine's event bus. Every part of the engine publishes here; front ends subscribe. The service keeps
 * a bounded history (the newest 1,000 events, as dockerd) for {@code since} queries.
 */
@ProviderType
public interface EventService {
    /** Records and delivers an event. Never blocks on slow subscribers; never throws. */
    void publish(Event event);

    /**
     * Delivers stored events from {@code query.sinceNano()} and then live ones until {@code query.untilNano()}
     * (at once ending the subscription when that time has already passed), in time order, each at most once.
     *
     * @throws io.wharf.api.errors.InvalidArgumentException for an unknown filter key or a since after until
     */
    Subscription subscribe(EventQuery query, EventSink sink);

    /** The number of live subscriptions, for {@code GET /info}'s NEventsListener. */
    int listenerCount();
}
