package io.wharf.daemon.internal.network;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.linux.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The daemon's network and endpoint records under {@code <data-root>/network/daemon/{networks,endpoints}}, each
 * written atomically (temp file, rename; a network's also flushed to disk) and held in memory for lookups.
 */
final class NetworkStore {
    private static final System.Logger LOG = System.getLogger(NetworkStore.class.getName());
    private final ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Path networksDir;
    private final Path endpointsDir;
    private final Map<String, NetworkRecord> networks = new ConcurrentHashMap<>();
    private final Map<String, EndpointRecord> endpoints = new ConcurrentHashMap<>();

    NetworkStore(Path root) {
        this.networksDir = root.resolve("networks");
        this.endpointsDir = root.resolve("endpoints");
        try {
            Files.createDirectories(networksDir);
            Files.createDirectories(endpointsDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (NetworkRecord n : read(networksDir, NetworkRecord.class)) {
            networks.put(n.id(), n);
        }
        for (EndpointRecord e : read(endpointsDir, EndpointRecord.class)) {
            endpoints.put(e.id(), e);
        }
    }

    Collection<NetworkRecord> networks() {
        return List.copyOf(networks.values());
    }

    NetworkRecord network(String id) {
        return networks.get(id);
    }

    void save(NetworkRecord n) {
        write(networksDir.resolve(n.id() + ".json"), n, true);
        networks.put(n.id(), n);
    }

    void remove(NetworkRecord n) {
        networks.remove(n.id());
        delete(networksDir.resolve(n.id() + ".json"));
    }

    List<EndpointRecord> endpoints(String networkId) {
        return endpoints.values().stream().filter(e -> e.networkId().equals(networkId)).toList();
    }

    Collection<EndpointRecord> endpoints() {
        return List.copyOf(endpoints.values());
    }

    EndpointRecord endpoint(String id) {
        return endpoints.get(id);
    }

    void save(EndpointRecord e) {
        // an endpoint lives no longer than a boot: no flush to disk on the path of every start
        write(endpointsDir.resolve(e.id() + ".json"), e, false);
        endpoints.put(e.id(), e);
    }

    void remove(EndpointRecord e) {
        endpoints.remove(e.id());
        delete(endpointsDir.resolve(e.id() + ".json"));
    }

    private <T> List<T> read(Path dir, Class<T> type) {
        List<T> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                try {
                    out.add(mapper.readValue(f.toFile(), type));
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "skipping unreadable record " + f + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private void write(Path file, Object value, boolean durable) {
        try {
            AtomicFiles.write(file, mapper.writeValueAsBytes(value), durable);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
