package io.wharf.network.bridge.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BridgeReconcileTest {
    @TempDir
    Path sys;

    private static BridgeNetwork network(String gw4, String gw6) {
        return new BridgeNetwork("id", "bridge", "wharf0", 1500, true, true, false, true, Cidr.parse(gw4),
                gw6 == null ? null : Cidr.parse(gw6), "0.0.0.0");
    }

    @Test
    void everyAddressButTheGatewaysIsStray() {
        List<Cidr> present = LinkAddresses.parse("""
                7: wharf0    inet 172.17.0.1/16 brd 172.17.255.255 scope global wharf0\\       valid_lft forever
                7: wharf0    inet 172.18.0.1/16 brd 172.18.255.255 scope global wharf0\\       valid_lft forever
                7: wharf0    inet 172.17.0.1/24 scope global wharf0\\       valid_lft forever
                7: wharf0    inet6 fd00:1::1/64 scope global nodad \\       valid_lft forever
                7: wharf0    inet6 fd00:2::1/64 scope global \\       valid_lft forever
                7: wharf0    inet6 fe80::42:acff:fe11:1/64 scope link \\       valid_lft forever
                """);
        assertEquals(5, present.size(), "link-local addresses are the kernel's");
        assertEquals(List.of(Cidr.parse("172.18.0.1/16"), Cidr.parse("172.17.0.1/24"), Cidr.parse("fd00:2::1/64")),
                BridgeReconcile.strayAddresses(present, network("172.17.0.1/16", "fd00:1::1/64")));
        assertEquals(List.of(Cidr.parse("172.18.0.1/16"), Cidr.parse("172.17.0.1/24"), Cidr.parse("fd00:1::1/64"),
                Cidr.parse("fd00:2::1/64")), BridgeReconcile.strayAddresses(present, network("172.17.0.1/16", null)));
        assertEquals(List.of(), BridgeReconcile.strayAddresses(List.of(Cidr.parse("172.17.0.1/16")),
                network("172.17.0.1/16", null)));
    }

    @Test
    void strayBridgesAreTheMarkedOnesNoRecordNames() throws IOException {
        link("wharf0", "wharf:WHARF");
        link("br-aaaaaaaaaaaa", "wharf:WHARF");
        link("br-bbbbbbbbbbbb", "wharf:WHARF");
        link("br-cccccccccccc", "wharf:WH-OTHER0");
        link("br-dddddddddddd", null);
        link("eth0", "");
        assertEquals(List.of("br-bbbbbbbbbbbb"),
                BridgeReconcile.strayBridges(sys, "wharf:WHARF", Set.of("wharf0", "br-aaaaaaaaaaaa")));
        assertEquals(List.of(), BridgeReconcile.strayBridges(sys.resolve("absent"), "wharf:WHARF", Set.of()));
    }

    @Test
    void strayVethsAreThisDriversNamesNoEndpointHas() throws IOException {
        Path brif = Files.createDirectories(sys.resolve("wharf0/brif"));
        for (String port : List.of("veth0123456789a", "vethbbbbbbbbbbb", "vethX", "eth1", "veth0123456789ab")) {
            Files.createDirectory(brif.resolve(port));
        }
        assertEquals(List.of("vethbbbbbbbbbbb"),
                BridgeReconcile.strayVeths(brif, Set.of("veth0123456789a")));
        assertEquals(BridgeDriver.vethName("x").length(), "veth0123456789a".length());
    }

    private void link(String name, String alias) throws IOException {
        Path dir = Files.createDirectories(sys.resolve(name));
        if (alias != null) {
            Files.writeString(dir.resolve("ifalias"), alias + "\n");
        }
    }
}
