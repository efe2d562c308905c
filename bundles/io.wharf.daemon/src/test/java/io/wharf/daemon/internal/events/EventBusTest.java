package io.wharf.daemon.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.common.Filters;
import io.wharf.api.common.Subscription;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.events.Event;
import io.wharf.api.events.EventQuery;
import io.wharf.api.events.EventSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventBusTest {
    private final EventBus bus = new EventBus();

    @AfterEach
    void stop() {
        bus.deactivate();
    }

    private static Event at(long nano, String type, String action, String id, Map<String, String> attrs) {
        return new Event(type, action, id, attrs, "local", nano);
    }

    private static final class Collector implements EventSink {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);

        @Override
        public void event(Event event) {
            events.add(event);
        }

        @Override
        public void end() {
            ended.countDown();
        }

        List<String> actions() {
            return events.stream().map(Event::action).toList();
        }
    }

    @Test
    void replaysHistoryBetweenSinceAndUntilThenEnds() throws Exception {
        long now = EventBus.nowNano();
        bus.publish(at(now - 3_000_000_000L, "container", "create", "a", Map.of()));
        bus.publish(at(now - 2_000_000_000L, "container", "start", "a", Map.of()));
        bus.publish(at(now - 1_000_000_000L, "container", "die", "a", Map.of("exitCode", "0")));
        Collector c = new Collector();
        bus.subscribe(new EventQuery(now - 2_500_000_000L, now - 1_500_000_000L, Filters.empty()), c);
        assertTrue(c.ended.await(5, TimeUnit.SECONDS), "a query whose until has passed ends by itself");
        assertEquals(List.of("start"), c.actions());
        assertEquals(0, bus.listenerCount());
    }

    @Test
    void liveEventsFollowHistoryInOrderAndCloseStopsDelivery() throws Exception {
        long now = EventBus.nowNano();
        bus.publish(at(now - 1_000, "image", "pull", "busybox:latest", Map.of()));
        Collector c = new Collector();
        Subscription s = bus.subscribe(new EventQuery(now - 10_000, -1, Filters.empty()), c);
        assertEquals(1, bus.listenerCount());
        bus.publish(Event.now("image", "tag", "busybox:x", Map.of()));
        waitFor(() -> c.events.size() == 2);
        assertEquals(List.of("pull", "tag"), c.actions());
        s.close();
        assertTrue(c.ended.await(5, TimeUnit.SECONDS));
        bus.publish(Event.now("image", "untag", "busybox:x", Map.of()));
        assertEquals(2, c.events.size());
        assertEquals(0, bus.listenerCount());
    }

    @Test
    void futureUntilEndsTheStreamWhenItPasses() throws Exception {
        Collector c = new Collector();
        bus.subscribe(new EventQuery(-1, EventBus.nowNano() + 300_000_000L, Filters.empty()), c);
        bus.publish(Event.now("network", "create", "n1", Map.of("name", "n1")));
        assertTrue(c.ended.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("create"), c.actions());
    }

    @Test
    void filtersApply() throws Exception {
        long now = EventBus.nowNano();
        bus.publish(at(now - 5, "container", "start", "abc123", Map.of("name", "web", "image", "busybox")));
        bus.publish(at(now - 4, "container", "start", "def456", Map.of("name", "db", "image", "redis")));
        bus.publish(at(now - 3, "network", "connect", "net1", Map.of("container", "abc123")));
        bus.publish(at(now - 2, "container", "exec_start: sh -c true", "abc123", Map.of("name", "web")));
        bus.publish(at(now - 1, "container", "die", "abc123", Map.of("name", "web", "com.x", "y")));

        assertEquals(List.of("start", "exec_start: sh -c true", "die"),
                collect(Filters.empty().with("container", "web")));
        assertEquals(List.of("start", "exec_start: sh -c true", "die"),
                collect(Filters.empty().with("container", "abc")));
        assertEquals(List.of("connect"), collect(Filters.empty().with("type", "network")));
        assertEquals(List.of("exec_start: sh -c true"), collect(Filters.empty().with("event", "exec_start")));
        assertEquals(List.of("die"), collect(Filters.empty().with("label", "com.x=y")));
        assertEquals(List.of("start"), collect(Filters.empty().with("image", "busybox")));
        assertEquals(List.of("start", "start"), collect(Filters.empty().with("event", "start").with("type", "container")));
    }

    @Test
    void rejectsUnknownFilterAndSinceAfterUntil() {
        assertThrows(InvalidArgumentException.class,
                () -> bus.subscribe(new EventQuery(-1, -1, Filters.empty().with("bogus", "x")), new Collector()));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class,
                () -> bus.subscribe(new EventQuery(20_000_000_000L, 10_000_000_000L, Filters.empty()), new Collector()));
        assertTrue(e.getMessage().contains("cannot be after"), e.getMessage());
    }

    @Test
    void historyIsBounded() throws Exception {
        long now = EventBus.nowNano() - 1_000_000_000L;
        for (int i = 0; i < EventBus.HISTORY + 50; i++) {
            bus.publish(at(now + i, "volume", "create", "v" + i, Map.of()));
        }
        Collector c = new Collector();
        bus.subscribe(new EventQuery(0, EventBus.nowNano(), Filters.empty()), c);
        assertTrue(c.ended.await(5, TimeUnit.SECONDS));
        assertEquals(EventBus.HISTORY, c.events.size());
        assertEquals("v50", c.events.get(0).actorId());
    }

    private List<String> collect(Filters f) throws InterruptedException {
        Collector c = new Collector();
        bus.subscribe(new EventQuery(0, EventBus.nowNano(), f), c);
        assertTrue(c.ended.await(5, TimeUnit.SECONDS));
        return c.actions();
    }

    private static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!cond.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(cond.getAsBoolean(), "condition not reached within 5 s");
    }
}
