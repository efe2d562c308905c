package io.wharf.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plumbs a veth pair between a bridge of the test's own and a network namespace of its own, through netlink,
 * and reads the result back with {@code ip}. Everything is removed afterwards; no traffic is sent.
 */
class RouteNetlinkTest {
    private final String tag = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    private final String bridge = "wtnlb" + tag;
    private final String netns = "wtnlns" + tag;
    private final String veth = "wtnlv" + tag;

    @BeforeEach
    void create() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        run("ip", "link", "add", bridge, "type", "bridge");
        run("ip", "netns", "add", netns);
    }

    @AfterEach
    void remove() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        runQuietly("ip", "link", "del", veth);
        runQuietly("ip", "link", "del", bridge);
        runQuietly("ip", "netns", "del", netns);
    }

    @Test
    void plumbsAVethPairIntoANamespaceWithAddressesAndRoutes() throws Exception {
        Path ns = Path.of("/run/netns", netns);
        byte[] mac = HexFormat.ofDelimiter(":").parseHex("02:42:0a:63:00:07");
        try (RouteNetlink host = RouteNetlink.open()) {
            host.addVethPair(veth, host.linkIndex(bridge), 1400, "eth0", mac, ns);
            LinuxException twice = assertThrows(LinuxException.class,
                    () -> host.addVethPair(veth, 0, 0, "eth1", null, ns));
            assertEquals(Errno.EEXIST, twice.errno(), twice.getMessage());
        }
        try (RouteNetlink inside = RouteNetlink.openIn(ns)) {
            inside.setUp(inside.linkIndex("lo"));
            int eth0 = inside.linkIndex("eth0");
            inside.addAddress(eth0, InetAddress.getByName("10.99.7.2"), 24, false);
            inside.addAddress(eth0, InetAddress.getByName("fd00:99:7::2"), 64, true);
            inside.setUp(eth0);
            inside.addDefaultRoute(InetAddress.getByName("10.99.7.1"), eth0);
            inside.addDefaultRoute(InetAddress.getByName("fd00:99:7::1"), eth0);
            LinuxException missing = assertThrows(LinuxException.class, () -> inside.linkIndex("nosuch0"));
            assertEquals(Errno.ENODEV, missing.errno(), missing.getMessage());
        }
        String hostSide = run("ip", "-d", "link", "show", veth);
        assertTrue(hostSide.contains("master " + bridge), hostSide);
        assertTrue(hostSide.contains("mtu 1400") && hostSide.contains(",UP"), hostSide);
        String link = run("ip", "-n", netns, "link", "show", "eth0");
        assertTrue(link.contains("02:42:0a:63:00:07") && link.contains("mtu 1400"), link);
        String addresses = run("ip", "-n", netns, "addr");
        assertTrue(addresses.contains("inet 10.99.7.2/24") && addresses.contains("inet6 fd00:99:7::2/64"), addresses);
        assertTrue(run("ip", "-n", netns, "link", "show", "lo").contains("UP"));
        assertTrue(run("ip", "-n", netns, "route").contains("default via 10.99.7.1 dev eth0"));
        assertTrue(run("ip", "-n", netns, "-6", "route").contains("default via fd00:99:7::1 dev eth0"));
        // the calling thread never left its namespace
        assertTrue(run("ip", "-o", "link").contains(veth + "@"));
        try (RouteNetlink host = RouteNetlink.open()) {
            host.deleteLink(host.linkIndex(veth));
        }
        assertTrue(run("ip", "-n", netns, "link").indexOf("eth0") < 0, "the peer goes with its pair");
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + ": " + out);
        }
        return out;
    }

    private static void runQuietly(String... cmd) {
        try {
            run(cmd);
        } catch (IOException | InterruptedException e) {
            // already gone
        }
    }
}
