package io.wharf.itests.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wharf.itests.BusyboxImage;
import io.wharf.itests.DaemonBridge;
import io.wharf.itests.UnixHttp;
import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * The networking side of {@code docker info} (configured address pools, forwarding, br_netfilter), and an IPv6
 * user network: addresses and gateway in inspect, containers pinging each other over IPv6 by address and by name,
 * and no IPv6 address, route or rule left on the host afterwards. The daemon's IPv6 subnet is derived from its
 * own bridge name, so that concurrent test daemons never share one.
 */
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ipv6IT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path dir;
    private static WharfDaemon daemon;
    private static String bridge;
    private static String pool;
    private static String subnet6;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("wharf-ipv6");
        // the daemon's own bridge and /24 are chosen before it starts, so its pool can sit right beside them
        String bip = DaemonBridge.args(dir).get(3);
        bridge = DaemonBridge.bridge(dir);
        String[] o = bip.split("[./]");
        pool = o[0] + "." + o[1] + "." + ((Integer.parseInt(o[2]) + 1) % 256) + ".0/24";
        Files.writeString(dir.resolve("daemon.json"),
                "{\"default-address-pools\": [{\"base\": \"" + pool + "\", \"size\": 26}]}\n");
        String hex = bridge.substring(2);
        // written as ip(8) prints it (no leading zeros), so that the leftover checks find it
        subnet6 = "fd77:" + hex.substring(0, 1) + ":" + Integer.toHexString(Integer.parseInt(hex.substring(1), 16))
                + "::/64";
        daemon = WharfDaemon.startIn(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (daemon == null) {
            return;
        }
        try {
            NetworkFixtures.removeContainersAndNetworks(daemon);
        } finally {
            NetworkFixtures.closeLeavingNothing(daemon, bridge);
        }
        String prefix = subnet6.substring(0, subnet6.indexOf("::"));
        assertFalse(DaemonBridgeRun.ip("-6", "addr").contains(prefix), "an IPv6 address is left");
        assertFalse(DaemonBridgeRun.ip("-6", "route", "show", "table", "all").contains(prefix),
                "an IPv6 route is left");
        String rules = DaemonBridgeRun.run("ip6tables-save");
        assertFalse(rules.contains(DaemonBridge.chainPrefix(bridge)), "IPv6 rules are left:\n" + rules);
        assertFalse(rules.contains(prefix), "IPv6 rules are left:\n" + rules);
    }

    @Test
    @Order(1)
    void infoShowsTheNetworkingFacts() throws Exception {
        JsonNode info = JSON.readTree(daemon.ok("info", "--format", "{{json .}}"));
        assertEquals(pool, info.get("DefaultAddressPools").get(0).get("Base").asText(), info.toString());
        assertEquals(26, info.get("DefaultAddressPools").get(0).get("Size").asInt());
        assertEquals(sysctl("net/ipv4/ip_forward"), info.get("IPv4Forwarding").asBoolean());
        // the br_netfilter fields are API 1.47's, which this CLI no longer decodes: read them from the API itself
        JsonNode raw = JSON.readTree(UnixHttp.get(daemon.socket(), "/v1.47/info").body());
        boolean nf = sysctl("net/bridge/bridge-nf-call-iptables");
        assertEquals(nf, raw.get("BridgeNfIptables").asBoolean(), raw.toString());
        assertEquals(sysctl("net/bridge/bridge-nf-call-ip6tables"), raw.get("BridgeNfIp6tables").asBoolean());
        for (String driver : new String[] {"bridge", "host", "null"}) {
            assertTrue(info.get("Plugins").get("Network").toString().contains("\"" + driver + "\""),
                    info.get("Plugins").toString());
        }

        WharfDaemon.Result human = daemon.docker("info");
        assertEquals(0, human.exitCode(), human.all());
        assertTrue(human.stdout().contains("Default Address Pools:\n   Base: " + pool + ", Size: 26"),
                human.stdout());
        assertTrue(human.stdout().contains("Network: bridge host null"), human.stdout());
        assertEquals(!nf, human.stderr().contains("WARNING: bridge-nf-call-iptables is disabled"), human.all());
    }

    @Test
    @Order(2)
    void containersTalkOverIpv6() throws Exception {
        assumeTrue(!sysctl("net/ipv6/conf/all/disable_ipv6"),
                "IPv6 is disabled on this host (net.ipv6.conf.all.disable_ipv6=1)");
        BusyboxImage.load(daemon, "busybox:latest");
        daemon.ok("network", "create", "--ipv6", "--subnet", subnet6, "v6net");
        assertEquals("true\n", daemon.ok("network", "inspect", "-f", "{{.EnableIPv6}}", "v6net"));
        daemon.ok("run", "-d", "--name", "one", "--network", "v6net", "busybox", "sleep", "600");
        daemon.ok("run", "-d", "--name", "two", "--network", "v6net", "busybox", "sleep", "600");
        String prefix = subnet6.substring(0, subnet6.indexOf("::") + 2);
        String one = daemon.ok("inspect", "-f", "{{.NetworkSettings.Networks.v6net.GlobalIPv6Address}}", "one").strip();
        String two = daemon.ok("inspect", "-f", "{{.NetworkSettings.Networks.v6net.GlobalIPv6Address}}", "two").strip();
        assertTrue(one.startsWith(prefix) && two.startsWith(prefix) && !one.equals(two), one + " " + two);
        assertEquals("64\n", daemon.ok("inspect", "-f", "{{.NetworkSettings.Networks.v6net.GlobalIPv6PrefixLen}}", "one"));
        assertEquals(prefix + "1\n", daemon.ok("inspect", "-f", "{{.NetworkSettings.Networks.v6net.IPv6Gateway}}", "one"));
        // the network has an IPv4 subnet too, taken from the configured pool
        String v4 = daemon.ok("inspect", "-f", "{{.NetworkSettings.Networks.v6net.IPAddress}}", "one").strip();
        assertTrue(v4.startsWith(pool.substring(0, pool.lastIndexOf('.') + 1)), v4);

        String inside = daemon.ok("exec", "one", "ip", "-6", "addr", "show", "eth0");
        assertTrue(inside.contains(one + "/64"), inside);
        String routes = daemon.ok("exec", "one", "ip", "-6", "route");
        assertTrue(routes.contains("default via " + prefix + "1"), routes);
        String ipam = daemon.ok("network", "inspect", "-f", "{{json .IPAM.Config}}", "v6net");
        assertTrue(ipam.contains("\"Subnet\":\"" + subnet6 + "\"") && ipam.contains("\"Gateway\":\"" + prefix
                + "1\""), ipam);
        assertTrue(DaemonBridgeRun.ip("-6", "addr").contains(prefix + "1/64"), "the bridge has the gateway");
        daemon.ok("exec", "one", "ping", "-6", "-c1", "-W5", two);
        daemon.ok("exec", "two", "ping", "-6", "-c1", "-W5", prefix + "1");
        // the name server answers AAAA for the other container
        String lookup = daemon.ok("exec", "one", "nslookup", "-type=aaaa", "two");
        assertTrue(lookup.contains(two), lookup);
        daemon.ok("exec", "one", "ping", "-6", "-c1", "-W5", "two");

        daemon.ok("rm", "-f", "one", "two");
        daemon.ok("network", "rm", "v6net");
        String left = DaemonBridgeRun.ip("-6", "addr") + DaemonBridgeRun.ip("-6", "route", "show", "table", "all");
        assertFalse(left.contains(prefix), left);
        assertFalse(DaemonBridgeRun.run("ip6tables-save").contains(subnet6), "rules for the subnet are left");
    }

    private static boolean sysctl(String name) throws Exception {
        Path p = Path.of("/proc/sys").resolve(name);
        return Files.exists(p) && Files.readString(p).strip().equals("1");
    }

}
