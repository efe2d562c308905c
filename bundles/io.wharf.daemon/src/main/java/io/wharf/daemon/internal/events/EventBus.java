package io.wharf.daemon.internal.events;

import io.wharf.api.common.Subscription;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.events.Event;
import io.wharf.api.events.EventQuery;
import io.wharf.api.events.EventService;
import io.wharf.api.events.EventSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The engine's event bus. Publishing appends to a bounded history and hands the event to each subscriber's
 * own queue, drained by that subscriber's own thread, so a slow client never blocks a publisher or another
 * client.
 */
@Component(service = EventService.class)
public final class EventBus implements EventService {
    static final int HISTORY = 1000;
    /** A subscriber that falls this far behind is dropped rather than let memory grow without bound. */
    static final int MAX_BACKLOG = 10_000;

    private final ArrayDeque<Event> history = new ArrayDeque<>(HISTORY);
    private final Set<Listener> listeners = new CopyOnWriteArraySet<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wharf-events-timer");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void publish(Event event) {
        synchronized (history) {
            if (history.size() == HISTORY) {
                history.removeFirst();
            }
            history.addLast(event);
            // Delivered under the history lock so a new subscriber never sees an event twice or misses one.
            for (Listener l : listeners) {
                l.offer(event);
            }
        }
    }

    @Override
    public Subscription subscribe(EventQuery query, EventSink sink) {
        EventFilter filter = new EventFilter(query.filters());
        long now = nowNano();
        if (query.sinceNano() >= 0 && query.untilNano() >= 0 && query.sinceNano() > query.untilNano()) {
            throw new InvalidArgumentException("`since` time (" + query.sinceNano() / 1_000_000_000L
                    + ") cannot be after `until` time (" + query.untilNano() / 1_000_000_000L + ")");
        }
        Listener listener = new Listener(filter, query.untilNano(), sink);
        synchronized (history) {
            if (query.sinceNano() >= 0) {
                for (Event e : history) {
                    if (e.timeNano() >= query.sinceNano()) {
                        listener.offer(e);
                    }
                }
            }
            boolean live = query.untilNano() < 0 || query.untilNano() > now;
            if (live) {
                listeners.add(listener);
            }
            listener.start(live ? null : Boolean.TRUE);
        }
        if (query.untilNano() > now) {
            listener.timeout = timer.schedule(listener::close, query.untilNano() - now, TimeUnit.NANOSECONDS);
        }
        return listener;
    }

    @Override
    public int listenerCount() {
        return listeners.size();
    }

    @Deactivate
    void deactivate() {
        for (Listener l : listeners) {
            l.close();
        }
        timer.shutdownNow();
    }

    static long nowNano() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** One subscriber: its queue and the thread that drains it. */
    private final class Listener implements Subscription, Runnable {
        private final EventFilter filter;
        private final long untilNano;
        private final EventSink sink;
        private final ArrayDeque<Event> queue = new ArrayDeque<>();
        private boolean closed;
        private boolean endWhenDrained;
        volatile ScheduledFuture<?> timeout;

        Listener(EventFilter filter, long untilNano, EventSink sink) {
            this.filter = filter;
            this.untilNano = untilNano;
            this.sink = sink;
        }

        void offer(Event e) {
            if (!filter.matches(e) || (untilNano >= 0 && e.timeNano() > untilNano)) {
                return;
            }
            synchronized (this) {
                if (closed) {
                    return;
                }
                if (queue.size() >= MAX_BACKLOG) {
                    closed = true;
                    endWhenDrained = true;
                    queue.clear();
                    notifyAll();
                    return;
                }
                queue.addLast(e);
                notifyAll();
            }
        }

        void start(Boolean endAfterBacklog) {
            if (endAfterBacklog != null) {
                endWhenDrained = true;
            }
            Thread t = new Thread(this, "wharf-events-subscriber");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    List<Event> batch;
                    synchronized (this) {
                        while (queue.isEmpty() && !closed && !endWhenDrained) {
                            wait();
                        }
                        if (queue.isEmpty()) {
                            break;
                        }
                        batch = new ArrayList<>(queue);
                        queue.clear();
                    }
                    for (Event e : batch) {
                        sink.event(e);
                    }
                }
            } catch (Exception e) {
                // The subscriber went away (client disconnected); nothing to report.
            } finally {
                close();
                listeners.remove(this);
                ScheduledFuture<?> t = timeout;
                if (t != null) {
                    t.cancel(false);
                }
                sink.end();
            }
        }

        @Override
        public void close() {
            synchronized (this) {
                if (!closed) {
                    closed = true;
                    // Events already queued before `until` passed are still delivered.
                    endWhenDrained = true;
                    notifyAll();
                }
            }
            listeners.remove(this);
        }
    }
}
