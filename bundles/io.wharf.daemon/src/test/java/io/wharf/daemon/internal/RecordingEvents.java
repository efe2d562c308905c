package io.wharf.daemon.internal;

import io.wharf.api.common.Subscription;
import io.wharf.api.events.Event;
import io.wharf.api.events.EventQuery;
import io.wharf.api.events.EventService;
import io.wharf.api.events.EventSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An event service for unit tests of the engine services: it keeps what was published. */
public final class RecordingEvents implements EventService {
    public final List<Event> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Event event) {
        published.add(event);
    }

    @Override
    public Subscription subscribe(EventQuery query, EventSink sink) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int listenerCount() {
        return 0;
    }

    /** The actions published for one actor, in order. */
    public List<String> actions(String actor) {
        return published.stream().filter(e -> e.actorId().equals(actor)).map(Event::action).toList();
    }
}
