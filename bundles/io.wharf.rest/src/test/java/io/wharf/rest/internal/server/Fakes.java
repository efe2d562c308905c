package io.wharf.rest.internal.server;

import io.wharf.api.common.Subscription;
import io.wharf.api.errors.UnavailableException;
import io.wharf.api.events.Event;
import io.wharf.api.events.EventQuery;
import io.wharf.api.events.EventService;
import io.wharf.api.events.EventSink;
import io.wharf.api.system.DiskUsage;
import io.wharf.api.system.SystemInfo;
import io.wharf.api.system.SystemService;
import io.wharf.api.system.VersionInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** Small in-memory stand-ins for the engine services the routers call. */
final class Fakes {
    private Fakes() {
    }

    static final class System implements SystemService {
        volatile boolean ready = true;

        @Override
        public void ping() {
            if (!ready) {
                throw new UnavailableException("engine is starting");
            }
        }

        @Override
        public VersionInfo version() {
            return new VersionInfo("Wharf Engine", "0.1.0", API_VERSION, MIN_API_VERSION, "abc123", "17.0.15",
                    "linux", "amd64", "6.1.0", false, "2026-01-01T00:00:00Z",
                    List.of(new VersionInfo.Component("Engine", "0.1.0", Map.of("ApiVersion", API_VERSION))));
        }

        @Override
        public SystemInfo info() {
            return new SystemInfo("ID1", "host1", "0.1.0", new SystemInfo.ContainerCounts(3, 1, 0, 2), 5,
                    new SystemInfo.HostFacts("6.1.0", "Debian GNU/Linux 12", "12", "linux", "x86_64", 2, 1L << 30,
                            "cgroupfs", "1", true, true, true, true, true, true, true, false, true),
                    "/var/lib/wharf", false, true, false,
                    new SystemInfo.StorageStatus("overlay2", List.of(List.of("Backing Filesystem", "extfs"))),
                    "json-file", "runc", Map.of("runc", new SystemInfo.RuntimeEntry("runc", List.of())),
                    new SystemInfo.DriverNames(List.of("local"), List.of("bridge", "host", "null"),
                            List.of("json-file"), List.of()),
                    new SystemInfo.RegistrySettings(List.of("127.0.0.0/8"), List.of(), List.of(),
                            "https://index.docker.io/v1/"),
                    0, 10, 20, "2026-01-01T00:00:00.000000000Z", List.of(), List.of(), "tini",
                    List.of("name=seccomp,profile=builtin"),
                    new SystemInfo.NetworkFacts(List.of(new io.wharf.api.network.AddressPool("172.17.0.0/16", 16)),
                            true, false));
        }

        @Override
        public DiskUsage diskUsage(Set<String> types) {
            return new DiskUsage(0, List.of(), List.of(), List.of(), List.of());
        }
    }

    /** Keeps every event; replays the ones in range, then delivers live ones until {@code until}. */
    static final class Events implements EventService {
        final List<Event> history = new CopyOnWriteArrayList<>();
        final List<Live> live = new CopyOnWriteArrayList<>();

        final class Live implements Subscription {
            final EventQuery query;
            final EventSink sink;
            volatile boolean closed;

            Live(EventQuery query, EventSink sink) {
                this.query = query;
                this.sink = sink;
            }

            @Override
            public void close() {
                closed = true;
                live.remove(this);
            }
        }

        @Override
        public void publish(Event event) {
            history.add(event);
            for (Live l : new ArrayList<>(live)) {
                try {
                    l.sink.event(event);
                } catch (Exception e) {
                    l.close();
                }
            }
        }

        @Override
        public Subscription subscribe(EventQuery query, EventSink sink) {
            Live l = new Live(query, sink);
            for (Event e : history) {
                if ((query.sinceNano() < 0 || e.timeNano() >= query.sinceNano())
                        && (query.untilNano() < 0 || e.timeNano() <= query.untilNano())
                        && query.filters().exactMatch("type", e.type())) {
                    try {
                        sink.event(e);
                    } catch (Exception x) {
                        return l;
                    }
                }
            }
            if (query.untilNano() >= 0 && query.untilNano() <= java.lang.System.currentTimeMillis() * 1_000_000L) {
                sink.end();
                return l;
            }
            live.add(l);
            return l;
        }

        @Override
        public int listenerCount() {
            return live.size();
        }
    }
}
