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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Legacy links with the real docker CLI: on the default bridge the linking container's /etc/hosts line and
 * variables, HostConfig.Links, {@code docker rm --link}, dockerd's errors; on a user-defined network an alias only
 * the linking container resolves. Unanswered queries go to 127.0.0.1 ({@code --dns}), never off the host.
 */
@Timeout(600)
class LinksIT {
    private static Path dir;
    private static WharfDaemon daemon;
    private static String bridge;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("wharf-links");
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
    void aLinkOnTheDefaultBridgeGivesHostsEntryAndVariables() throws Exception {
        String id = daemon.ok("run", "-d", "--name", "web", "-e", "GREETING=hi", "--expose", "80", "busybox",
                "sh", "-c", NetworkFixtures.HTTPD).strip();
        String ip = daemon.ok("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "web").strip();
        String shortId = id.substring(0, 12);

        String hosts = daemon.ok("run", "--rm", "--link", "web:db", "busybox", "cat", "/etc/hosts");
        assertTrue(hosts.contains(ip + "\tdb " + shortId + " web\n"), hosts);
        assertEquals("hello-" + shortId + "\n", daemon.ok("run", "--rm", "--link", "web:db", "busybox", "wget",
                "-q", "-O", "-", "http://db/"));

        String env = daemon.ok("run", "--rm", "--name", "me", "--link", "web:db", "busybox", "env");
        for (String v : new String[] {"DB_PORT=tcp://" + ip + ":80", "DB_PORT_80_TCP=tcp://" + ip + ":80",
            "DB_PORT_80_TCP_ADDR=" + ip, "DB_PORT_80_TCP_PORT=80", "DB_PORT_80_TCP_PROTO=tcp", "DB_NAME=/me/db",
            "DB_ENV_GREETING=hi"}) {
            assertTrue(env.contains(v + "\n"), v + " in\n" + env);
        }
        assertFalse(env.contains("DB_ENV_PATH="), env);

        // without an alias the name is the alias
        String plain = daemon.ok("run", "--rm", "--link", "web", "busybox", "cat", "/etc/hosts");
        assertTrue(plain.contains(ip + "\tweb " + shortId + "\n"), plain);

        // the linked container comes back with another address: a running linking container sees it
        daemon.ok("run", "-d", "--name", "app", "--link", "web:db", "busybox", "sleep", "600");
        daemon.ok("stop", "-t", "1", "web");
        daemon.ok("run", "-d", "--name", "filler", "busybox", "sleep", "600");
        daemon.ok("start", "web");
        String moved = daemon.ok("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "web").strip();
        assertNotEquals(ip, moved, "the filler took the old address");
        String after = daemon.ok("exec", "app", "cat", "/etc/hosts");
        assertTrue(after.contains(moved + "\tdb " + shortId + " web\n"), moved + " in\n" + after);
        daemon.ok("rm", "-f", "app", "filler");
    }

    @Test
    void linksShowInInspectAndDockerRmLinkRemovesThem() throws Exception {
        daemon.ok("run", "-d", "--name", "target", "busybox", "sleep", "600");
        daemon.ok("create", "--name", "parent", "--link", "target:t1", "busybox", "true");
        assertEquals("[/target:/parent/t1]", daemon.ok("inspect", "-f", "{{.HostConfig.Links}}", "parent").strip());

        WharfDaemon.Result own = daemon.fails("rm", "--link", "target");
        assertTrue(own.stderr().contains("Conflict, cannot remove the default link name of the container"),
                own.all());
        daemon.ok("rm", "--link", "/parent/t1");
        assertEquals("[]", daemon.ok("inspect", "-f", "{{.HostConfig.Links}}", "parent").strip());
        daemon.ok("inspect", "target");
        daemon.ok("rm", "-f", "parent", "target");
    }

    @Test
    void linkingToAMissingOrStoppedContainerFailsAsInDockerd() throws Exception {
        WharfDaemon.Result missing = daemon.fails("run", "--rm", "--link", "nosuch:db", "busybox", "true");
        assertTrue(missing.stderr().contains("could not get container for nosuch"), missing.all());
        assertFalse(missing.stderr().contains("Unable to find image"), missing.all());

        daemon.ok("create", "--name", "idle", "busybox", "true");
        WharfDaemon.Result stopped = daemon.fails("run", "--name", "late", "--link", "idle:db", "busybox", "true");
        assertTrue(stopped.stderr().contains("Cannot link to a non running container: /idle AS /late/db"),
                stopped.all());
        daemon.ok("rm", "-f", "idle", "late");
    }

    @Test
    void onAUserNetworkALinkIsAnAliasForTheLinkingContainerOnly() throws Exception {
        String gw = daemon.ok("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "bridge").strip();
        String[] p = gw.split("\\.");
        String subnet = p[0] + "." + p[1] + "." + ((Integer.parseInt(p[2]) + 5) % 256) + ".0/24";
        daemon.ok("network", "create", "--subnet", subnet, "lnet");
        daemon.ok("run", "-d", "--name", "api", "--network", "lnet", "busybox", "sleep", "600");
        String ip = daemon.ok("inspect", "-f", "{{.NetworkSettings.Networks.lnet.IPAddress}}", "api").strip();

        String linked = daemon.ok("run", "--rm", "--network", "lnet", "--dns", "127.0.0.1", "--link",
                "api:backend", "busybox", "nslookup", "backend");
        assertTrue(linked.contains(ip), linked);
        WharfDaemon.Result other = daemon.docker("run", "--rm", "--network", "lnet", "--dns", "127.0.0.1",
                "busybox", "nslookup", "backend");
        assertFalse(other.stdout().contains(ip), other.all());
        daemon.ok("rm", "-f", "api");
        daemon.ok("network", "rm", "lnet");
    }
}
