package io.wharf.network.bridge.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The bridge driver's records under {@code <data-root>/network/bridge/}: {@code networks/<id>} and
 * {@code endpoints/<id>}. Everything the driver made in the kernel can be derived from them again.
 */
final class BridgeStore {
    private final Path networks;
    private final Path endpoints;

    BridgeStore(Path root) {
        this.networks = root.resolve("networks");
        this.endpoints = root.resolve("endpoints");
    }

    Optional<BridgeNetwork> network(String id) {
        return StateFile.read(networks.resolve(safe(id))).map(BridgeNetwork::fromMap);
    }

    List<BridgeNetwork> networks() {
        return list(networks).stream().map(BridgeNetwork::fromMap).toList();
    }

    void save(BridgeNetwork network) {
        StateFile.write(networks.resolve(safe(network.id())), network.toMap(), true);
    }

    void deleteNetwork(String id) {
        StateFile.delete(networks.resolve(safe(id)));
    }

    Optional<BridgeEndpoint> endpoint(String id) {
        return StateFile.read(endpoints.resolve(safe(id))).map(BridgeEndpoint::fromMap);
    }

    List<BridgeEndpoint> endpoints() {
        return list(endpoints).stream().map(BridgeEndpoint::fromMap).toList();
    }

    List<BridgeEndpoint> endpoints(String networkId) {
        return endpoints().stream().filter(e -> e.network().equals(networkId)).toList();
    }

    void save(BridgeEndpoint endpoint) {
        StateFile.write(endpoints.resolve(safe(endpoint.id())), endpoint.toMap(), false);
    }

    void deleteEndpoint(String id) {
        StateFile.delete(endpoints.resolve(safe(id)));
    }

    private static List<java.util.Map<String, String>> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<java.util.Map<String, String>> out = new ArrayList<>();
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList()) {
                StateFile.read(f).ifPresent(out::add);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String safe(String id) {
        if (id == null || id.isEmpty() || id.contains("/") || id.startsWith(".")) {
            throw new io.wharf.api.errors.InvalidArgumentException("invalid ID: " + id);
        }
        return id;
    }
}
