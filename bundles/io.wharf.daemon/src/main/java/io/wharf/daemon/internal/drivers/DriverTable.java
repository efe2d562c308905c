package io.wharf.daemon.internal.drivers;

import io.wharf.api.plugin.DriverInfo;
import io.wharf.api.plugin.DriverKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

/**
 * The drivers bound right now, by kind and name. Several services may claim one name (an old and a new
 * version of a bundle during an update); the one with the highest ranking wins, as the service registry orders.
 */
final class DriverTable {
    private record Bound(ServiceReference<?> ref, Object service) {
    }

    private final Map<DriverKind, ConcurrentMap<String, List<Bound>>> kinds = new EnumMap<>(DriverKind.class);
    /** The bundle that last provided each driver: while it is still installed, an absent driver is only away. */
    private final Map<DriverKind, ConcurrentMap<String, Bundle>> providers = new EnumMap<>(DriverKind.class);
    /** Notified on every bind, for callers waiting for a driver that is away. */
    private final Object arrivals = new Object();

    DriverTable() {
        for (DriverKind k : DriverKind.values()) {
            kinds.put(k, new ConcurrentHashMap<>());
            providers.put(k, new ConcurrentHashMap<>());
        }
    }

    void bind(DriverKind kind, ServiceReference<?> ref, Object service) {
        String name = nameOf(kind, ref);
        if (name == null) {
            return;
        }
        kinds.get(kind).compute(name, (n, list) -> {
            List<Bound> next = list == null ? new ArrayList<>() : new ArrayList<>(list);
            next.add(new Bound(ref, service));
            next.sort((a, b) -> b.ref().compareTo(a.ref()));
            return List.copyOf(next);
        });
        Bundle b = ref.getBundle();
        if (b != null) {
            providers.get(kind).put(name, b);
        }
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    /**
     * Whether the driver is absent because its bundle is not running (stopped, starting, stopping, being
     * updated), so that it comes back when the bundle does. A driver whose bundle was uninstalled, that never
     * was, or that its running bundle withdrew (a Docker v1 plugin whose socket went, a runtime configured away)
     * is not away but gone.
     */
    boolean away(DriverKind kind, String name) {
        if (get(kind, name).isPresent()) {
            return false;
        }
        Bundle b = providers.get(kind).get(name);
        return b != null && (b.getState() & (Bundle.INSTALLED | Bundle.RESOLVED | Bundle.STARTING
                | Bundle.STOPPING)) != 0;
    }

    /**
     * Waits up to {@code timeoutNanos} for a driver that is away; returns it, or empty when it is unknown or
     * still away at the deadline (the caller tells the two apart with {@link #away}).
     */
    Optional<Object> await(DriverKind kind, String name, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (arrivals) {
            while (true) {
                Optional<Object> d = get(kind, name);
                if (d.isPresent() || !away(kind, name)) {
                    return d;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                // also wake now and then: a bundle uninstalled meanwhile sends no bind
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(arrivals, Math.min(left, 250_000_000L));
            }
        }
    }

    void unbind(DriverKind kind, ServiceReference<?> ref) {
        String name = nameOf(kind, ref);
        if (name == null) {
            return;
        }
        kinds.get(kind).computeIfPresent(name, (n, list) -> {
            List<Bound> next = new ArrayList<>(list);
            next.removeIf(b -> b.ref().equals(ref));
            return next.isEmpty() ? null : List.copyOf(next);
        });
    }

    Optional<Object> get(DriverKind kind, String name) {
        List<Bound> list = kinds.get(kind).get(name);
        return list == null ? Optional.empty() : Optional.of(list.get(0).service());
    }

    List<String> names(DriverKind kind) {
        return kinds.get(kind).keySet().stream().sorted().toList();
    }

    List<DriverInfo> active() {
        List<DriverInfo> out = new ArrayList<>();
        for (DriverKind kind : DriverKind.values()) {
            kinds.get(kind).entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                Bundle b = e.getValue().get(0).ref().getBundle();
                out.add(new DriverInfo(kind, e.getKey(), b == null ? "" : b.getSymbolicName(),
                        b == null ? "" : b.getVersion().toString(), true, null));
            });
        }
        return out;
    }

    static String nameOf(DriverKind kind, ServiceReference<?> ref) {
        Object v = ref.getProperty(kind.nameProperty());
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        if (v instanceof String[] a && a.length > 0) {
            return a[0];
        }
        return null;
    }
}
