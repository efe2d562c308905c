package io.wharf.daemon.internal.network;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The daemon's network and endpoint records under {@code <data-root>/network/daemon/{networks,endpoints}}, each
 * written atomically (temp file, fsync, rename) and held in memory for lookups.
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
        write(networksDir.resolve(n.id() + ".json"), n);
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
        write(endpointsDir.resolve(e.id() + ".json"), e);
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

    private void write(Path file, Object value) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, mapper.writeValueAsBytes(value));
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
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
