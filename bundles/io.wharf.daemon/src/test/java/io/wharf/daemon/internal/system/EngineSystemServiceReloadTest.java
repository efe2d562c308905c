package io.wharf.daemon.internal.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wharf.api.events.Event;
import io.wharf.api.plugin.DriverInfo;
import io.wharf.api.plugin.DriverKind;
import io.wharf.api.plugin.DriverRegistry;
import io.wharf.api.system.SystemInfo;
import io.wharf.daemon.internal.RecordingEvents;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineSystemServiceReloadTest {
    @TempDir
    Path dataRoot;

    private final RecordingEvents events = new RecordingEvents();

    /** A configuration as DS gives it: the values set, the annotation's defaults for the rest. */
    private EngineConfiguration config(Map<String, Object> set) {
        Map<String, Object> values = new HashMap<>(set);
        values.putIfAbsent("data_root", dataRoot.toString());
        return (EngineConfiguration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {EngineConfiguration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("annotationType")) {
                        return EngineConfiguration.class;
                    }
                    return values.containsKey(method.getName()) ? values.get(method.getName())
                            : method.getDefaultValue();
                });
    }

    private EngineSystemService service(EngineConfiguration config) {
        return new EngineSystemService(config, new NoDrivers(), events, HostProbe.live(), "0.1.0", "abc", "now");
    }

    @Test
    void aReloadChangesWhatInfoShowsAndIsAnnouncedOnce() {
        EngineSystemService service = service(config(Map.of("labels", new String[] {"a=1"})));
        assertEquals(List.of("a=1"), service.info().labels());

        service.modified(config(Map.of("labels", new String[] {"a=2", "b=3"}), "debug", true, "reload_count", 1L,
                "insecure_registries", new String[] {"r.test:5000"}, "default_runtime", "crun",
                "runtimes", "{\"crun\":{\"path\":\"/usr/bin/crun\"}}"));
        SystemInfo info = service.info();
        assertEquals(List.of("a=2", "b=3"), info.labels());
        assertEquals(true, info.debug());
        assertEquals("crun", info.defaultRuntime());
        assertEquals(List.of("r.test:5000"), info.registry().insecureRegistries());

        assertEquals(1, events.published.size());
        Event e = events.published.get(0);
        assertEquals("daemon", e.type());
        assertEquals("reload", e.action());
        assertEquals(info.id(), e.actorId());
        assertEquals("[\"a=2\",\"b=3\"]", e.attributes().get("labels"));
        assertEquals("true", e.attributes().get("debug"));
        assertEquals("[\"r.test:5000\"]", e.attributes().get("insecure-registries"));
        assertEquals("[]", e.attributes().get("registry-mirrors"));
        assertEquals("crun", e.attributes().get("default-runtime"));
        assertEquals("crun:/usr/bin/crun", e.attributes().get("runtimes"));
        assertEquals("3", e.attributes().get("max-concurrent-downloads"));
        assertEquals("5", e.attributes().get("max-concurrent-uploads"));
        assertEquals("false", e.attributes().get("live-restore"));

        // the same count again is no new reload (a configuration redelivered), so nothing is announced
        service.modified(config(Map.of("labels", new String[] {"a=2", "b=3"}), "reload_count", 1L));
        assertEquals(1, events.published.size());
    }

    private Map<String, Object> with(Map<String, Object> base, Object... more) {
        Map<String, Object> m = new HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    private EngineConfiguration config(Map<String, Object> base, Object... more) {
        return config(with(base, more));
    }

    private static final class NoDrivers implements DriverRegistry {
        @Override
        public List<DriverInfo> drivers() {
            return List.of();
        }

        @Override
        public List<String> names(DriverKind kind) {
            return List.of();
        }

        @Override
        public <T> Optional<T> find(Class<T> type, DriverKind kind, String name) {
            return Optional.empty();
        }
    }
}
