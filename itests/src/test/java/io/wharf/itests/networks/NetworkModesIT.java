package io.wharf.itests.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.itests.BusyboxImage;
import io.wharf.itests.DaemonBridge;
import io.wharf.itests.WharfDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code /etc/resolv.conf} with {@code --dns*} on user-defined networks and the default bridge, and
 * {@code --network container:<name>}: the shared namespace, the other container's /etc files and hostname, and
 * dockerd's refusals. No query leaves the daemon's networks: only names the network's server answers are asked.
 */
@Timeout(600)
class NetworkModesIT {
    private static Path dir;
    private static WharfDaemon daemon;
    private static String bridge;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("wharf-netmodes");
        daemon = WharfDaemon.startIn(dir);
        bridge = DaemonBridge.bridge(dir);
        BusyboxImage.load(daemon, "busybox:latest");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            NetworkFixtures.removeContainersAndNetworks(daemon);
        } finally {
            NetworkFixtures.closeLeavingNothing(daemon, bridge);
        }
    }

    @Test
    void dnsOptionsOnAUserNetworkKeepItsServerAndForwardToTheContainersServers() throws Exception {
        String gw = daemon.ok("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "bridge").strip();
        String[] p = gw.split("\\.");
        String subnet = p[0] + "." + p[1] + "." + ((Integer.parseInt(p[2]) + 3) % 256) + ".0/24";
        daemon.ok("network", "create", "--subnet", subnet, "dnsnet");
        String server = daemon.ok("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "dnsnet")
                .strip();
        daemon.ok("run", "-d", "--name", "named", "--network", "dnsnet", "busybox", "sleep", "600");

        String conf = daemon.ok("run", "--rm", "--network", "dnsnet", "--dns", "198.51.100.7", "--dns",
                "198.51.100.8", "--dns-search", "a.example", "--dns-option", "timeout:1", "busybox", "cat",
                "/etc/resolv.conf");
        assertTrue(conf.startsWith("nameserver " + server + "\nsearch a.example\noptions timeout:1 ndots:0\n"),
                conf);
        assertFalse(conf.contains("nameserver 198.51.100.7"), conf);
        assertTrue(conf.contains("# ExtServers: [198.51.100.7 198.51.100.8]\n"), conf);
        assertTrue(conf.contains("# Overrides: [nameservers search options]\n"), conf);

        String ndots = daemon.ok("run", "--rm", "--network", "dnsnet", "--dns-option", "ndots:3", "busybox",
                "cat", "/etc/resolv.conf");
        assertTrue(ndots.startsWith("nameserver " + server + "\n"), ndots);
        assertTrue(ndots.contains("\noptions ndots:3\n"), ndots);
        assertFalse(ndots.contains("ndots:0"), ndots);

        // the network's names still resolve for a container with servers of its own
        String ip = daemon.ok("inspect", "-f", "{{.NetworkSettings.Networks.dnsnet.IPAddress}}", "named").strip();
        String found = daemon.ok("run", "--rm", "--network", "dnsnet", "--dns", "198.51.100.7", "busybox",
                "nslookup", "named");
        assertTrue(found.contains(ip), found);

        // the default bridge has no server of its own: the container's servers are its nameservers
        String legacy = daemon.ok("run", "--rm", "--dns", "198.51.100.7", "--dns-search", "b.example", "busybox",
                "cat", "/etc/resolv.conf");
        assertEquals("nameserver 198.51.100.7\nsearch b.example\n", legacy);
        daemon.ok("rm", "-f", "named");
        daemon.ok("network", "rm", "dnsnet");
    }

    @Test
    void aContainerJoiningAnothersNetworkSharesItsNamespaceFilesAndHostname() throws Exception {
        daemon.ok("run", "-d", "--name", "web", "--add-host", "extra.example:192.0.2.10", "busybox", "sh", "-c",
                NetworkFixtures.HTTPD);
        String hosts = daemon.ok("exec", "web", "cat", "/etc/hosts");
        String ip = daemon.ok("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "web").strip();
        assertTrue(hosts.contains(ip + "\t"), hosts);

        assertEquals(hosts, daemon.ok("run", "--rm", "--network", "container:web", "busybox", "cat",
                "/etc/hosts"));
        assertEquals(daemon.ok("exec", "web", "cat", "/etc/resolv.conf"), daemon.ok("run", "--rm", "--network",
                "container:web", "busybox", "cat", "/etc/resolv.conf"));
        daemon.ok("create", "--name", "joiner", "--network", "container:web", "busybox", "true");
        for (String f : new String[] {"HostsPath", "ResolvConfPath", "HostnamePath"}) {
            assertEquals(daemon.ok("inspect", "-f", "{{." + f + "}}", "web"),
                    daemon.ok("inspect", "-f", "{{." + f + "}}", "joiner"), f);
        }
        daemon.ok("rm", "joiner");
        String hostname = daemon.ok("exec", "web", "hostname").strip();
        assertEquals(hostname, daemon.ok("run", "--rm", "--network", "container:web", "busybox", "hostname")
                .strip());
        // the same interfaces: web's httpd answers on the joiner's loopback
        assertEquals("hello-" + hostname + "\n", daemon.ok("run", "--rm", "--network", "container:web", "busybox",
                "wget", "-q", "-O", "-", "http://127.0.0.1/"));
        String joinerIp = daemon.ok("run", "--rm", "--network", "container:web", "busybox", "ip", "-o", "-4",
                "addr", "show", "eth0");
        assertTrue(joinerIp.contains(ip + "/"), joinerIp);
        daemon.ok("rm", "-f", "web");
    }

    @Test
    void joiningIsRefusedAsDockerdRefusesIt() throws Exception {
        daemon.ok("run", "--name", "gone", "busybox", "true");
        WharfDaemon.Result stopped = daemon.fails("run", "--rm", "--network", "container:gone", "busybox", "true");
        assertTrue(stopped.stderr().contains("cannot join network namespace of a non running container: "
                + "container gone is exited"), stopped.all());

        daemon.ok("run", "-d", "--name", "host1", "busybox", "sleep", "600");
        assertRefused("conflicting options: port publishing and the container type network mode", "-p", "80");
        assertRefused("conflicting options: hostname and the network mode", "--hostname", "other");
        assertRefused("conflicting options: dns and the network mode", "--dns", "192.0.2.1");
        assertRefused("conflicting options: custom host-to-IP mapping and the network mode", "--add-host",
                "a:192.0.2.1");
        daemon.ok("rm", "-f", "host1", "gone");
    }

    private static void assertRefused(String message, String... options) throws Exception {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("create", "--network",
                "container:host1"));
        args.addAll(java.util.List.of(options));
        args.addAll(java.util.List.of("busybox", "true"));
        WharfDaemon.Result r = daemon.fails(args.toArray(String[]::new));
        assertTrue(r.stderr().contains(message), r.all());
    }
}
