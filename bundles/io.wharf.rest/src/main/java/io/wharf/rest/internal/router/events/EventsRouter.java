package io.wharf.rest.internal.router.events;

import io.wharf.api.common.Filters;
import io.wharf.api.common.Subscription;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.UnavailableException;
import io.wharf.api.events.Event;
import io.wharf.api.events.EventQuery;
import io.wharf.api.events.EventService;
import io.wharf.api.events.EventSink;
import io.wharf.rest.internal.router.ApiRequest;
import io.wharf.rest.internal.router.ApiResponse;
import io.wharf.rest.internal.router.JsonLineStream;
import io.wharf.rest.internal.router.Router;
import io.wharf.rest.internal.router.Routes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code GET /events}: stored events since a time, then live ones until a time or until the client goes
 * away, one JSON object per line. No thread waits on an idle stream: the event service's thread writes.
 */
@Component(service = Router.class)
public final class EventsRouter implements Router {
    /** The filter keys dockerd accepts for events. */
    static final Set<String> FILTERS = Set.of("config", "container", "daemon", "event", "image", "label",
            "network", "node", "plugin", "scope", "secret", "service", "type", "volume");

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventService events;

    public EventsRouter() {
    }

    /** For use without a framework. */
    public EventsRouter(EventService events) {
        this.events = events;
    }

    @Override
    public void routes(Routes r) {
        r.get("/events", this::events);
    }

    private void events(ApiRequest req, ApiResponse res) {
        EventService service = events;
        if (service == null) {
            throw new UnavailableException("the engine is not ready: its event service is not running");
        }
        long since = EventTime.parseNanos("since", req.query("since"));
        long until = EventTime.parseNanos("until", req.query("until"));
        if (since >= 0 && until >= 0 && since > until) {
            throw new InvalidArgumentException("since time (" + req.query("since")
                    + ") cannot be after until time (" + req.query("until") + ")");
        }
        Filters filters = req.filters().validate(FILTERS);
        EventQuery query = new EventQuery(since, until, filters);

        JsonLineStream stream = res.jsonLines();
        AtomicReference<Subscription> subscription = new AtomicReference<>();
        stream.onClose(() -> {
            Subscription s = subscription.getAndSet(null);
            if (s != null) {
                s.close();
            }
        });
        Subscription s = service.subscribe(query, new EventSink() {
            @Override
            public void event(Event event) throws Exception {
                if (!stream.send(json(event))) {
                    throw new IllegalStateException("the client went away");
                }
            }

            @Override
            public void end() {
                stream.close();
            }
        });
        subscription.set(s);
        if (!stream.isOpen() && subscription.getAndSet(null) != null) {
            s.close();   // the stream ended while subscribing: the close action found nothing to close
        }
    }

    /** Docker's JSON for an event, with the fields older clients read for containers and images. */
    static Map<String, Object> json(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if ("container".equals(e.type()) || "image".equals(e.type())) {
            m.put("status", e.action());
            m.put("id", e.actorId());
            String from = "container".equals(e.type()) ? e.attributes().get("image") : null;
            if (from != null) {
                m.put("from", from);
            }
        }
        m.put("Type", e.type());
        m.put("Action", e.action());
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("ID", e.actorId());
        actor.put("Attributes", e.attributes());
        m.put("Actor", actor);
        m.put("scope", e.scope());
        m.put("time", e.timeSeconds());
        m.put("timeNano", e.timeNano());
        return m;
    }
}
