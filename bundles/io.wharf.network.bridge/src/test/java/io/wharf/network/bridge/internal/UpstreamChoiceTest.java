package io.wharf.network.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpstreamChoiceTest {
    private static final List<InetSocketAddress> HOST = List.of(new InetSocketAddress("192.0.2.53", 53),
            new InetSocketAddress("10.9.0.1", 53));
    private final UpstreamChoice choice = new UpstreamChoice(() -> HOST, 5353);

    private static BridgeEndpoint endpoint(String ip, List<String> dns) {
        return new BridgeEndpoint("e" + ip, "n", Cidr.parse(ip + "/24"), null, null, null, null, null, false,
                List.of(), List.of("c" + ip), dns, Map.of());
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void aContainerWithItsOwnServersForwardsToThemOnTheGivenPort() throws Exception {
        List<BridgeEndpoint> eps = List.of(endpoint("10.9.0.2", List.of("198.51.100.7", "198.51.100.8")),
                endpoint("10.9.0.3", List.of()));
        assertEquals(List.of(new InetSocketAddress("198.51.100.7", 5353), new InetSocketAddress("198.51.100.8",
                5353)), choice.forClient(ip("10.9.0.2"), eps, ip("10.9.0.1")));
    }

    @Test
    void otherContainersAndUnknownAddressesUseTheHostsResolversButNeverTheGateway() throws Exception {
        List<BridgeEndpoint> eps = List.of(endpoint("10.9.0.2", List.of("198.51.100.7")),
                endpoint("10.9.0.3", List.of()));
        List<InetSocketAddress> host = List.of(new InetSocketAddress("192.0.2.53", 53));
        assertEquals(host, choice.forClient(ip("10.9.0.3"), eps, ip("10.9.0.1")));
        assertEquals(host, choice.forClient(ip("10.9.0.99"), eps, ip("10.9.0.1")));
    }

    @Test
    void aContainerNamingOnlyTheGatewayFallsBackToTheHostsResolvers() throws Exception {
        List<BridgeEndpoint> eps = List.of(endpoint("10.9.0.2", List.of("10.9.0.1")));
        assertEquals(List.of(new InetSocketAddress("192.0.2.53", 53)), choice.forClient(ip("10.9.0.2"), eps,
                ip("10.9.0.1")));
    }

    @Test
    void aRecordRoundTripKeepsResolversAndLinks() {
        BridgeEndpoint e = endpoint("10.9.0.2", List.of()).withResolution(List.of("198.51.100.7", "2001:db8::1"),
                Map.of("db", "web"));
        BridgeEndpoint back = BridgeEndpoint.fromMap(e.toMap());
        assertEquals(List.of("198.51.100.7", "2001:db8::1"), back.dns());
        assertEquals(Map.of("db", "web"), back.links());
        assertEquals(List.of(), BridgeEndpoint.fromMap(endpoint("10.9.0.3", List.of()).toMap()).dns());
    }
}
