package io.wharf.volume.plugin.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the published volume drivers in step with the plugins found on disk: a new socket is activated and, when
 * the plugin implements VolumeDriver, published; a vanished socket is withdrawn. A plugin that does not answer
 * yet is tried again at the next sync.
 */
final class PluginSync {
    private static final Logger LOG = LoggerFactory.getLogger(PluginSync.class);
    /** Names the engine's own drivers hold; a plugin may not shadow them. */
    private static final Set<String> RESERVED = Set.of("local");

    private final DriverRegistrar registrar;
    private final ObjectMapper json;
    private final Map<String, Published> published = new HashMap<>();

    PluginSync(DriverRegistrar registrar, ObjectMapper json) {
        this.registrar = registrar;
        this.json = json;
    }

    synchronized void sync(Map<String, Path> found) {
        published.entrySet().removeIf(e -> {
            Path now = found.get(e.getKey());
            if (now != null && now.equals(e.getValue().socket())) {
                return false;
            }
            LOG.info("Volume plugin {} withdrawn: its socket {} is gone", e.getKey(), e.getValue().socket());
            e.getValue().registration().close();
            return true;
        });
        found.forEach((name, socket) -> {
            if (published.containsKey(name) || RESERVED.contains(name)) {
                return;
            }
            VolumePluginProtocol plugin = new VolumePluginProtocol(name, new PluginHttpClient(socket), json);
            try {
                if (!PluginVolumeDriver.implementsVolumeDriver(plugin)) {
                    LOG.debug("Plugin {} at {} does not implement VolumeDriver", name, socket);
                    return;
                }
            } catch (RuntimeException e) {
                LOG.debug("Plugin {} at {} did not activate: {}", name, socket, e.getMessage());
                return;
            }
            published.put(name, new Published(socket, registrar.register(name, new PluginVolumeDriver(plugin))));
            LOG.info("Volume plugin {} registered from {}", name, socket);
        });
    }

    synchronized Set<String> names() {
        return Set.copyOf(published.keySet());
    }

    synchronized void withdrawAll() {
        published.values().forEach(p -> p.registration().close());
        published.clear();
    }

    private record Published(Path socket, DriverRegistrar.Registration registration) {
    }
}
