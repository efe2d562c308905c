package io.wharf.network.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.ForbiddenException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.network.AddressPool;
import io.wharf.api.network.IpamDriver.Pool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultIpamTest {
    private static final Map<String, String> GATEWAY = Map.of("RequestAddressType", "com.docker.network.gateway");

    @TempDir
    Path dir;

    /** A routing table as /proc/net/route prints it; {@code routes} are destination/mask pairs in kernel hex. */
    private HostRoutes routes(String... lines) throws IOException {
        Path proc = Files.createDirectories(dir.resolve("proc"));
        StringBuilder table = new StringBuilder("Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU"
                + "\tWindow\tIRTT\n");
        table.append("eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n");
        for (String l : lines) {
            table.append(l).append('\n');
        }
        Files.writeString(proc.resolve("route"), table);
        Files.writeString(proc.resolve("ipv6_route"), "");
        return new HostRoutes(proc);
    }

    private DefaultIpam ipam(HostRoutes routes) {
        return new DefaultIpam(dir.resolve("ipam"), "172.17.0.1/16", AddressPools.dockerDefaults(), routes);
    }

    @Test
    void defaultBridgeTakesBipUnlessTheHostUsesIt() throws IOException {
        DefaultIpam free = ipam(routes());
        Pool pool = free.requestPool("LocalDefault", null, null, Map.of(DefaultIpam.DEFAULT_BRIDGE_OPTION, "true"),
                false);
        assertEquals("172.17.0.0/16", pool.cidr());
        assertEquals("172.17.0.1/16", free.requestAddress(pool.id(), null, GATEWAY));
        assertEquals("172.17.0.2/16", free.requestAddress(pool.id(), null, Map.of()));
        free.releasePool(pool.id());

        // a docker0 on 172.17.0.0/16: its route is in the host's table
        DefaultIpam busy = ipam(routes("docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0"));
        Pool next = busy.requestPool("LocalDefault", null, null, Map.of(DefaultIpam.DEFAULT_BRIDGE_OPTION, "true"),
                false);
        assertEquals("172.18.0.0/16", next.cidr());
        assertEquals("172.18.0.1/16", busy.requestAddress(next.id(), null, GATEWAY));
    }

    @Test
    void userSubnetsMustNotOverlap() throws IOException {
        DefaultIpam ipam = ipam(routes());
        ipam.requestPool("LocalDefault", "10.1.0.0/16", null, Map.of(), false);
        ForbiddenException e = assertThrows(ForbiddenException.class,
                () -> ipam.requestPool("LocalDefault", "10.1.2.0/24", null, Map.of(), false));
        assertEquals("Pool overlaps with other one on this address space", e.getMessage());
        assertThrows(InvalidArgumentException.class,
                () -> ipam.requestPool("LocalDefault", "10.300.0.0/16", null, Map.of(), false));
        // automatic pools skip what is taken
        assertEquals("172.17.0.0/16", ipam.requestPool("LocalDefault", null, null, Map.of(), false).cidr());
        assertEquals("172.18.0.0/16", ipam.requestPool("LocalDefault", null, null, Map.of(), false).cidr());
    }

    @Test
    void staticAddressesConflictAndAllocationsSurviveARestart() throws IOException {
        DefaultIpam first = ipam(routes());
        Pool pool = first.requestPool("LocalDefault", "10.5.0.0/24", null, Map.of(), false);
        assertEquals("10.5.0.1/24", first.requestAddress(pool.id(), null, GATEWAY));
        assertEquals("10.5.0.2/24", first.requestAddress(pool.id(), null, Map.of()));
        assertEquals("10.5.0.3/24", first.requestAddress(pool.id(), "10.5.0.3", Map.of()));
        assertThrows(ConflictException.class, () -> first.requestAddress(pool.id(), "10.5.0.3", Map.of()));
        assertThrows(InvalidArgumentException.class, () -> first.requestAddress(pool.id(), "10.6.0.3", Map.of()));

        DefaultIpam restarted = ipam(routes());
        assertEquals("10.5.0.4/24", restarted.requestAddress(pool.id(), null, Map.of()));
        assertThrows(ConflictException.class, () -> restarted.requestAddress(pool.id(), "10.5.0.2", Map.of()));
        restarted.releaseAddress(pool.id(), "10.5.0.2/24");
        assertEquals("10.5.0.2/24", restarted.requestAddress(pool.id(), null, Map.of()));
    }

    @Test
    void ipRangeLimitsContainersButNotTheGateway() throws IOException {
        DefaultIpam ipam = ipam(routes());
        Pool pool = ipam.requestPool("LocalDefault", "10.7.0.0/16", "10.7.5.0/24", Map.of(), false);
        assertEquals("10.7.0.1/16", ipam.requestAddress(pool.id(), null, GATEWAY));
        assertEquals("10.7.5.1/16", ipam.requestAddress(pool.id(), null, Map.of()));
        assertThrows(InvalidArgumentException.class,
                () -> ipam.requestPool("LocalDefault", "10.8.0.0/16", "10.9.0.0/24", Map.of(), false));
    }

    @Test
    void configuredDefaultPoolsAreCutBySize() throws IOException {
        DefaultIpam ipam = new DefaultIpam(dir.resolve("ipam"), "172.17.0.1/16",
                AddressPools.parse("[{\"base\":\"10.10.0.0/16\",\"size\":24},{\"base\":\"10.11.0.0/16\"}]"),
                routes());
        assertEquals("10.10.0.0/24", ipam.requestPool("LocalDefault", null, null, Map.of(), false).cidr());
        assertEquals("10.10.1.0/24", ipam.requestPool("LocalDefault", null, null, Map.of(), false).cidr());
        Pool v6 = ipam.requestPool("LocalDefault", "fd00:1::/64", null, Map.of(), true);
        assertEquals("fd00:1::1/64", ipam.requestAddress(v6.id(), null, GATEWAY));
        assertEquals("fd00:1::2/64", ipam.requestAddress(v6.id(), null, Map.of()));
        assertEquals("::1", Cidr.parse("::1").ip());
        assertEquals("fd00::1:0:0:1", Cidr.parse("fd00:0:0:0:1:0:0:1").ip());
        assertEquals("1:0:2::", Cidr.parse("1:0:2:0:0:0:0:0").ip());
    }

    @Test
    void listsItsDefaultPoolsForInfo() throws IOException {
        DefaultIpam configured = new DefaultIpam(dir.resolve("ipam"), "172.17.0.1/16",
                AddressPools.parse("[{\"base\":\"10.10.0.0/16\",\"size\":24},{\"base\":\"10.11.0.0/16\"}]"),
                routes());
        assertEquals(List.of(new AddressPool("10.10.0.0/16", 24), new AddressPool("10.11.0.0/16", 16)),
                configured.defaultPools());
        List<AddressPool> defaults = ipam(routes()).defaultPools();
        assertEquals(new AddressPool("172.17.0.0/16", 16), defaults.get(0));
        assertEquals(new AddressPool("192.168.0.0/16", 20), defaults.get(defaults.size() - 1));
    }

    private static final Map<String, String> DEFAULT_BRIDGE = Map.of(DefaultIpam.DEFAULT_BRIDGE_OPTION, "true");
    /** wharf0 left by an earlier run on 172.17.0.0/16, and a second address stacked on it at 172.18.0.0/16. */
    private static final String[] LEFT_BRIDGE = {
        "wharf0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0",
        "wharf0\t000012AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0"};

    @Test
    void theDefaultBridgesOwnRouteIsNoConflictForAFreshDataRoot() throws IOException {
        for (String bip : new String[] {null, "172.17.0.1/16"}) {
            Path fresh = Files.createTempDirectory(dir, "ipam");
            DefaultIpam ipam = new DefaultIpam(fresh, bip, AddressPools.dockerDefaults(), routes(LEFT_BRIDGE),
                    "wharf0", link -> List.of());
            Pool pool = ipam.requestPool("LocalDefault", null, null, DEFAULT_BRIDGE, false);
            assertEquals("172.17.0.0/16", pool.cidr(), "bip " + bip);
            assertEquals("172.17.0.1/16", ipam.requestAddress(pool.id(), null, GATEWAY));
        }
        // another daemon's bridge on the same range is a conflict
        DefaultIpam other = new DefaultIpam(dir.resolve("other"), null, AddressPools.dockerDefaults(),
                routes(LEFT_BRIDGE), "wt12345", link -> List.of());
        assertEquals("172.19.0.0/16", other.requestPool("LocalDefault", null, null, DEFAULT_BRIDGE, false).cidr());
    }

    @Test
    void withoutBipTheDefaultBridgeKeepsTheAddressItCarries() throws IOException {
        DefaultIpam ipam = new DefaultIpam(dir.resolve("ipam"), "", AddressPools.dockerDefaults(),
                routes("wharf0\t000014AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0"), "wharf0",
                link -> link.equals("wharf0") ? List.of(Cidr.parse("fd00:9::1/64"), Cidr.parse("172.20.0.1/16"))
                        : List.of());
        Pool pool = ipam.requestPool("LocalDefault", null, null, DEFAULT_BRIDGE, false);
        assertEquals("172.20.0.0/16", pool.cidr());
        assertEquals("172.20.0.1/16", ipam.requestAddress(pool.id(), null, GATEWAY));
        // a configured bip wins over what the bridge carries
        DefaultIpam configured = new DefaultIpam(dir.resolve("bip"), "10.44.0.1/24", AddressPools.dockerDefaults(),
                routes(), "wharf0", link -> List.of(Cidr.parse("172.20.0.1/16")));
        assertEquals("10.44.0.0/24", configured.requestPool("LocalDefault", null, null, DEFAULT_BRIDGE, false)
                .cidr());
    }

    @Test
    void aDefaultPoolLeftByAnInterruptedStartIsTakenAgainNotStackedOn() throws IOException {
        DefaultIpam first = ipam(routes());
        Pool leftover = first.requestPool("LocalDefault", null, null, DEFAULT_BRIDGE, false);
        first.requestAddress(leftover.id(), null, GATEWAY);
        Pool user = first.requestPool("LocalDefault", null, null, Map.of(), false);
        // killed before the default network was recorded: the next start asks again
        DefaultIpam again = ipam(routes());
        Pool pool = again.requestPool("LocalDefault", null, null, DEFAULT_BRIDGE, false);
        assertEquals("172.17.0.0/16", pool.cidr());
        assertEquals("172.17.0.1/16", again.requestAddress(pool.id(), null, GATEWAY));
        assertEquals("172.18.0.0/16", user.cidr());
        assertEquals("172.18.0.1/16", again.requestAddress(user.id(), null, Map.of()), "user pools are kept");
    }
}
