package io.wharf.daemon.internal.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.common.Filters;
import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.ForbiddenException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.network.IpamConfig;
import io.wharf.api.network.IpamDriver;
import io.wharf.api.network.NetworkCreateRequest;
import io.wharf.api.network.NetworkDetails;
import io.wharf.api.network.NetworkDriver;
import io.wharf.api.plugin.DriverInfo;
import io.wharf.api.plugin.DriverKind;
import io.wharf.api.plugin.DriverRegistry;
import io.wharf.daemon.internal.RecordingEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineNetworkServiceTest {
    @TempDir
    Path dir;
    final FakeIpam ipam = new FakeIpam();
    final RecordingDriver bridge = new RecordingDriver();
    final RecordingEvents events = new RecordingEvents();
    EngineNetworkService service;

    @BeforeEach
    void setUp() {
        service = new EngineNetworkService(dir, registry(), events);
    }

    @Test
    void predefinedNetworksAreListedAndCannotBeRemoved() {
        List<String> names = service.list(Filters.empty()).stream().map(NetworkDetails::name).toList();
        assertEquals(List.of("bridge", "host", "none"), names);
        assertEquals("172.17.0.1", service.defaultGateway());
        assertEquals("true", bridge.created.get(0).options().get(EngineNetworkService.DEFAULT_BRIDGE_OPTION));
        ForbiddenException e = assertThrows(ForbiddenException.class, () -> service.remove("bridge"));
        assertEquals("bridge is a pre-defined network and cannot be removed", e.getMessage());
        assertThrows(ForbiddenException.class, () -> service.create(request("h2", "host", null)));
    }

    @Test
    void createInspectFilterAndRemove() {
        String id = service.create(request("n1", "bridge", "10.9.0.0/24"))[0];
        NetworkDetails d = service.inspect(id.substring(0, 6), false);
        assertEquals("n1", d.name());
        assertEquals("10.9.0.1", d.ipam().config().get(0).gateway());
        assertThrows(ConflictException.class, () -> service.create(request("n1", "bridge", null)));
        assertThrows(ForbiddenException.class, () -> service.create(request("n2", "bridge", "10.9.0.0/24")));
        assertEquals(List.of("n1"), service.list(Filters.of(Map.of("type", Set.of("custom")))).stream()
                .map(NetworkDetails::name).toList());
        assertEquals(List.of("n1"), service.list(Filters.of(Map.of("label", Set.of("team=a")))).stream()
                .map(NetworkDetails::name).toList());
        assertEquals(List.of("n1"), service.list(Filters.of(Map.of("dangling", Set.of("true")))).stream()
                .map(NetworkDetails::name).toList());
        service.remove("n1");
        assertEquals(List.of(id), bridge.deleted);
        assertTrue(ipam.pools.values().stream().noneMatch(p -> p.equals("10.9.0.0/24")), "the pool is released");
        NotFoundException e = assertThrows(NotFoundException.class, () -> service.inspect("n1", false));
        assertEquals("network n1 not found", e.getMessage());
    }

    @Test
    void joinRecordsTheEndpointAndLeaveReleasesEverything() {
        String id = service.create(request("n1", "bridge", "10.9.0.0/24"))[0];
        Joined j = service.join(new JoinRequest("n1", "c".repeat(64), "web", "/proc/self/ns/net", null, null,
                List.of("web"), List.of()));
        assertEquals("10.9.0.2/24", j.ipv4());
        assertEquals("10.9.0.2/24", service.inspect("n1", false).containers().get("c".repeat(64)).ipv4Address());
        ForbiddenException busy = assertThrows(ForbiddenException.class, () -> service.remove("n1"));
        assertTrue(busy.getMessage().contains("has active endpoints (name:\"web\""), busy.getMessage());
        service.leave(id, j.endpointId());
        assertTrue(service.inspect("n1", false).containers().isEmpty());
        assertTrue(ipam.taken.stream().noneMatch(a -> a.startsWith("10.9.0.2")));
        assertEquals(List.of("n1"), service.prune(Filters.empty()).deleted());
    }

    @Test
    void aFailedJoinLeavesNothingBehind() {
        service.create(request("n1", "bridge", "10.9.0.0/24"));
        bridge.failPorts = true;
        WharfException e = assertThrows(WharfException.class, () -> service.join(new JoinRequest("n1",
                "c".repeat(64), "web", "/x", null, null, List.of(), List.of(new NetworkDriver.PortBinding("tcp", 80,
                        "", 8080, 0)))));
        assertTrue(e.getMessage().endsWith("Bind for 0.0.0.0:8080 failed: port is already allocated"));
        assertTrue(service.inspect("n1", false).containers().isEmpty());
        assertEquals(bridge.endpoints, bridge.removedEndpoints);
        assertTrue(ipam.taken.stream().noneMatch(a -> a.startsWith("10.9.0.2")));
    }

    @Test
    void staticAddressesNeedAUserSubnet() {
        service.create(request("auto", "bridge", null));
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> service.join(
                new JoinRequest("auto", "c".repeat(64), "web", "/x", "10.1.1.1", null, List.of(), List.of())));
        assertEquals("user specified IP address is supported only when connecting to networks with user "
                + "configured subnets", e.getMessage());
    }

    @Test
    void recordsSurviveARestart() {
        String id = service.create(request("n1", "bridge", "10.9.0.0/24"))[0];
        EngineNetworkService again = new EngineNetworkService(dir, registry(), events);
        assertEquals(id, again.network("n1").id());
        again.join(new JoinRequest("n1", "c".repeat(64), "web", "/x", null, null, List.of(), List.of()));
        assertEquals(1, bridge.restored.stream().filter(s -> s.id().equals(id)).count(), "restored once");
    }

    private static NetworkCreateRequest request(String name, String driver, String subnet) {
        IpamConfig ipam = subnet == null ? null : new IpamConfig("", Map.of(),
                List.of(new IpamConfig.Pool(subnet, null, null, Map.of())));
        return new NetworkCreateRequest(name, driver, "", false, false, false, false, ipam, Map.of(),
                Map.of("team", "a"), false);
    }

    private DriverRegistry registry() {
        return new DriverRegistry() {
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
                Object d = kind == DriverKind.NETWORK && name.equals("bridge") ? bridge
                        : kind == DriverKind.IPAM && name.equals("default") ? ipam : null;
                return Optional.ofNullable(d).filter(type::isInstance).map(type::cast);
            }
        };
    }

    /** Pools by exact CIDR, addresses counted up from .1; enough to follow what the service reserves. */
    static final class FakeIpam implements IpamDriver {
        final Map<String, String> pools = new HashMap<>();
        final Set<String> taken = new HashSet<>();
        int next = 17;

        @Override
        public Pool requestPool(String space, String pool, String subPool, Map<String, String> options, boolean v6) {
            String cidr = pool != null ? pool : "172." + next++ + ".0.0/16";
            if (pools.containsValue(cidr)) {
                throw new ForbiddenException("Pool overlaps with other one on this address space");
            }
            String id = "LocalDefault/" + cidr;
            pools.put(id, cidr);
            return new Pool(id, cidr);
        }

        @Override
        public void releasePool(String poolId) {
            pools.remove(poolId);
        }

        @Override
        public String requestAddress(String poolId, String address, Map<String, String> options) {
            String cidr = pools.get(poolId);
            String base = cidr.substring(0, cidr.lastIndexOf('.') + 1);
            String suffix = cidr.substring(cidr.indexOf('/'));
            for (int i = 1; i < 255; i++) {
                String a = (address != null ? address : base + i) + suffix;
                if (taken.add(a)) {
                    return a;
                }
                if (address != null) {
                    throw new ConflictException("Address already in use");
                }
            }
            throw new IllegalStateException("full");
        }

        @Override
        public void releaseAddress(String poolId, String address) {
            taken.remove(address);
        }
    }

    /** Records what the service asks of a driver. */
    static final class RecordingDriver implements NetworkDriver {
        final List<NetworkSpec> created = new ArrayList<>();
        final List<NetworkSpec> restored = new ArrayList<>();
        final List<String> deleted = new ArrayList<>();
        final List<String> endpoints = new ArrayList<>();
        final List<String> removedEndpoints = new ArrayList<>();
        boolean failPorts;

        @Override
        public void createNetwork(NetworkSpec network) {
            created.add(network);
        }

        @Override
        public void restore(NetworkSpec network) {
            restored.add(network);
        }

        @Override
        public void deleteNetwork(String networkId) {
            deleted.add(networkId);
        }

        @Override
        public EndpointInfo createEndpoint(String networkId, String endpointId, EndpointInfo requested,
                Map<String, String> options) {
            endpoints.add(endpointId);
            return new EndpointInfo(requested.ipv4Address(), null, "02:42:00:00:00:01");
        }

        @Override
        public void deleteEndpoint(String networkId, String endpointId) {
            removedEndpoints.add(endpointId);
        }

        @Override
        public JoinInfo join(String networkId, String endpointId, String sandboxKey, Map<String, String> options) {
            return new JoinInfo("eth0", "10.9.0.1", null, List.of(), Map.of(), false);
        }

        @Override
        public void leave(String networkId, String endpointId) {
        }

        @Override
        public List<PortBinding> programExternalConnectivity(String networkId, String endpointId,
                List<PortBinding> ports) {
            if (failPorts) {
                throw new WharfException("Bind for 0.0.0.0:8080 failed: port is already allocated");
            }
            return ports;
        }

        @Override
        public void revokeExternalConnectivity(String networkId, String endpointId) {
        }
    }
}
