package io.wharf.itests.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.itests.BusyboxImage;
import io.wharf.itests.DaemonBridge;
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
 * Networks with the real docker CLI: the default bridge, user-defined networks with name resolution, published
 * ports reached from the host on 127.0.0.1, dockerd's errors, a daemon restart with a published port, and nothing
 * left on the host afterwards. Traffic goes only to 127.0.0.1 and to containers on this daemon's bridges.
 */
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworksIT {
    private static Path dir;
    private static WharfDaemon daemon;
    private static String bridge;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("wharf-networks");
        daemon = WharfDaemon.startIn(dir);
        bridge = DaemonBridge.bridge(dir);
        BusyboxImage.load(daemon, "busybox:latest");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            NetworkFixtures.removeContainersAndNetworks(daemon);
            // with every container gone, nothing hangs on the bridge and no user bridge is left
            assertEquals("", DaemonBridgeRun.ip("-o", "link", "show", "master", bridge).strip());
        } finally {
            NetworkFixtures.closeLeavingNothing(daemon, bridge);
        }
    }

    @Test
    @Order(1)
    void defaultBridgeGivesAddressesAndContainersReachEachOther() throws Exception {
        String id = daemon.ok("run", "-d", "--name", "web0", "busybox", "sh", "-c", NetworkFixtures.HTTPD).strip();
        String ip = daemon.ok("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "web0").strip();
        String gw = daemon.ok("inspect", "-f", "{{.NetworkSettings.Networks.bridge.Gateway}}", "web0").strip();
        assertTrue(ip.matches("10\\.\\d+\\.\\d+\\.\\d+"), ip);
        assertTrue(DaemonBridgeRun.ip("-o", "-4", "addr", "show", bridge).contains(gw + "/24"));
        String page = daemon.ok("run", "--rm", "busybox", "wget", "-q", "-O", "-", "http://" + ip + "/");
        assertEquals("hello-" + id.substring(0, 12) + "\n", page);
        String hosts = daemon.ok("exec", "web0", "cat", "/etc/hosts");
        assertTrue(hosts.contains(ip + "\t" + id.substring(0, 12)), hosts);
        assertTrue(daemon.ok("network", "inspect", "bridge").contains("\"" + ip + "/24\""));

        String none = daemon.ok("run", "--rm", "--network", "none", "busybox", "ip", "-o", "link");
        assertFalse(none.contains("eth0"), none);
        String host = daemon.ok("run", "--rm", "--network", "host", "busybox", "ip", "-o", "link");
        assertTrue(host.contains(bridge), host);
        daemon.ok("rm", "-f", "web0");
        assertEquals("", DaemonBridgeRun.ip("-o", "link", "show", "master", bridge).strip());
    }

    @Test
    @Order(2)
    void userNetworkResolvesNamesAliasesAndShortIds() throws Exception {
        String subnet = subnetNextTo(1);
        String netId = daemon.ok("network", "create", "--subnet", subnet, "--label", "team=a", "apps").strip();
        String id = daemon.ok("run", "-d", "--name", "api", "--network", "apps", "--network-alias", "svc", "busybox",
                "sh", "-c", NetworkFixtures.HTTPD).strip();
        String ip = daemon.ok("inspect", "-f", "{{.NetworkSettings.Networks.apps.IPAddress}}", "api").strip();
        for (String name : new String[] {"api", "svc", id.substring(0, 12)}) {
            String out = daemon.ok("run", "--rm", "--network", "apps", "busybox", "nslookup", name);
            assertTrue(out.contains(ip), name + ":\n" + out);
        }
        assertEquals("hello-" + id.substring(0, 12) + "\n", daemon.ok("run", "--rm", "--network", "apps", "busybox",
                "wget", "-q", "-O", "-", "http://svc/"));
        daemon.ok("run", "--rm", "--network", "apps", "busybox", "ping", "-c1", "-W2", "api");

        // connect and disconnect change what resolves
        daemon.ok("run", "-d", "--name", "probe", "busybox", "sleep", "600");
        assertNotEquals(0, daemon.docker("exec", "probe", "nslookup", "api").exitCode());
        daemon.ok("network", "connect", "--alias", "probe-alias", "apps", "probe");
        assertTrue(daemon.ok("exec", "api", "nslookup", "probe-alias").contains(
                daemon.ok("inspect", "-f", "{{.NetworkSettings.Networks.apps.IPAddress}}", "probe").strip()));
        daemon.ok("network", "disconnect", "apps", "probe");
        assertNotEquals(0, daemon.docker("exec", "api", "nslookup", "probe-alias").exitCode());

        assertEquals("apps\n", daemon.ok("network", "ls", "--filter", "label=team=a", "--format", "{{.Name}}"));
        assertEquals("apps\n", daemon.ok("network", "ls", "--filter", "type=custom", "--format", "{{.Name}}"));
        WharfDaemon.Result busy = daemon.docker("network", "rm", "apps");
        assertNotEquals(0, busy.exitCode());
        assertTrue(busy.stderr().contains("has active endpoints"), busy.all());
        daemon.ok("rm", "-f", "api", "probe");
        daemon.ok("network", "rm", "apps");
        assertFalse(DaemonBridgeRun.ip("-o", "link").contains("br-" + netId.substring(0, 12)));
    }

    @Test
    @Order(3)
    void badInputGetsDockerdErrors() throws Exception {
        String subnet = subnetNextTo(2);
        daemon.ok("network", "create", "--subnet", subnet, "first");
        assertError("Pool overlaps with other one on this address space", "network", "create", "--subnet", subnet,
                "second");
        assertError("invalid CIDR address", "network", "create", "--subnet", "10.1.2.300/24", "bad");
        assertError("network with name first already exists", "network", "create", "first");
        assertError("network nosuch not found", "network", "inspect", "nosuch");
        assertError("bridge is a pre-defined network and cannot be removed", "network", "rm", "bridge");
        daemon.ok("network", "create", "auto");
        assertError("user specified IP address is supported only when connecting to networks with user "
                + "configured subnets", "run", "--rm", "--network", "auto", "--ip", "10.9.9.9", "busybox", "true");
        String fixed = subnet.replace("0/24", "77");
        assertEquals(fixed + "\n", daemon.ok("run", "--rm", "--network", "first", "--ip", fixed, "busybox", "sh", "-c",
                "ip -o -4 addr show eth0 | awk '{print $4}' | cut -d/ -f1"));
        assertError("network nosuch not found", "run", "--rm", "--network", "nosuch", "busybox", "true");
        String pruned = daemon.ok("network", "prune", "-f");
        assertTrue(pruned.contains("first") && pruned.contains("auto"), pruned);
        assertEquals("bridge\nhost\nnone\n", daemon.ok("network", "ls", "--format", "{{.Name}}"));
    }

    @Test
    @Order(4)
    void publishedPortsAnswerOnLoopback() throws Exception {
        daemon.ok("run", "-d", "--name", "pub", "-p", "127.0.0.1::80", "busybox", "sh", "-c", NetworkFixtures.HTTPD);
        String mapping = daemon.ok("port", "pub", "80").strip();
        assertTrue(mapping.startsWith("127.0.0.1:"), mapping);
        int port = Integer.parseInt(mapping.substring(mapping.indexOf(':') + 1));
        assertTrue(NetworkFixtures.get(port).startsWith("hello-"));
        assertTrue(daemon.ok("ps", "--format", "{{.Ports}}", "--filter", "name=pub").contains("127.0.0.1:" + port
                + "->80/tcp"));
        WharfDaemon.Result taken = daemon.docker("run", "-d", "--name", "clash", "-p", "127.0.0.1:" + port + ":80",
                "busybox", "sleep", "60");
        assertNotEquals(0, taken.exitCode());
        assertTrue(taken.stderr().contains("port is already allocated"), taken.all());
        assertEquals("created", daemon.ok("inspect", "-f", "{{.State.Status}}", "clash").strip());
        daemon.ok("rm", "clash");

        daemon.ok("run", "-d", "--name", "all", "--expose", "80", "-P", "busybox", "sh", "-c", NetworkFixtures.HTTPD);
        String all = daemon.ok("port", "all", "80").strip();
        int allPort = Integer.parseInt(all.substring(all.lastIndexOf(':') + 1));
        assertTrue(NetworkFixtures.get(allPort).startsWith("hello-"));
        daemon.ok("rm", "-f", "all");
    }

    @Test
    @Order(5)
    void publishedPortKeepsWorkingAcrossADaemonRestart() throws Exception {
        String subnet = subnetNextTo(3);
        daemon.ok("network", "create", "--subnet", subnet, "durable");
        String mapping = daemon.ok("port", "pub", "80").strip();
        int port = Integer.parseInt(mapping.substring(mapping.indexOf(':') + 1));
        daemon.ok("run", "-d", "--name", "peer", "--network", "durable", "busybox", "sh", "-c", NetworkFixtures.HTTPD);
        assertEquals(0, daemon.stop());
        assertTrue(NetworkFixtures.get(port).startsWith("hello-"), "the port answers while no daemon runs");
        daemon = WharfDaemon.startIn(dir);
        assertTrue(NetworkFixtures.get(port).startsWith("hello-"));
        assertEquals(mapping, daemon.ok("port", "pub", "80").strip());
        assertTrue(daemon.ok("run", "--rm", "--network", "durable", "busybox", "wget", "-q", "-O", "-",
                "http://peer/").startsWith("hello-"));
        String again = daemon.ok("run", "-d", "--network", "durable", "busybox", "sleep", "60").strip();
        String peerIp = daemon.ok("inspect", "-f", "{{.NetworkSettings.Networks.durable.IPAddress}}", "peer").strip();
        assertNotEquals(peerIp, daemon.ok("inspect", "-f", "{{.NetworkSettings.Networks.durable.IPAddress}}", again)
                .strip(), "an address is never handed out twice");
        daemon.ok("rm", "-f", "pub", "peer", again);
        daemon.ok("network", "rm", "durable");
    }

    @Test
    @Order(6)
    void anInternalNetworkHasNoWayOut() throws Exception {
        daemon.ok("network", "create", "--internal", "--subnet", subnetNextTo(5), "closed");
        assertEquals("true\n", daemon.ok("network", "inspect", "-f", "{{.Internal}}", "closed"));
        daemon.ok("run", "-d", "--name", "inside", "--network", "closed", "busybox", "sh", "-c", NetworkFixtures.HTTPD);
        // its members still reach each other, by name too
        assertTrue(daemon.ok("run", "--rm", "--network", "closed", "busybox", "wget", "-q", "-O", "-", "http://inside/")
                .startsWith("hello-"));
        String routes = daemon.ok("run", "--rm", "--network", "closed", "busybox", "ip", "route");
        assertFalse(routes.contains("default"), routes);
        // the daemon's default bridge is as far as any other address from here
        String gw = daemon.ok("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "bridge").strip();
        WharfDaemon.Result ping = daemon.docker("run", "--rm", "--network", "closed", "busybox", "ping", "-c1",
                "-W1", gw);
        assertNotEquals(0, ping.exitCode(), ping.all());
        daemon.ok("rm", "-f", "inside");
        daemon.ok("network", "rm", "closed");
    }

    /** A /24 beside the daemon's default one, so that it is as free as that one was. */
    private static String subnetNextTo(int n) throws Exception {
        String gw = daemon.ok("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "bridge").strip();
        String[] p = gw.split("\\.");
        return p[0] + "." + p[1] + "." + ((Integer.parseInt(p[2]) + n) % 256) + ".0/24";
    }

    private static void assertError(String message, String... args) throws Exception {
        WharfDaemon.Result r = daemon.docker(args);
        assertNotEquals(0, r.exitCode(), r.all());
        assertTrue(r.stderr().contains(message), "expected \"" + message + "\":\n" + r.all());
    }
}
