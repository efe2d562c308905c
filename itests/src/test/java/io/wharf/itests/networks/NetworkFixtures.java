package io.wharf.itests.networks;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.wharf.itests.DaemonBridge;
import io.wharf.itests.WharfDaemon;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** What the network test classes share: a small web server to reach, and the teardown that proves nothing is left. */
final class NetworkFixtures {
    /** A busybox httpd on port 80 that answers {@code hello-<hostname>}. */
    static final String HTTPD = "mkdir -p /www && echo hello-$(hostname) > /www/index.html && "
            + "exec busybox httpd -f -p 80 -h /www";

    private NetworkFixtures() {
    }

    /** Removes every container of the daemon and prunes its unused networks. */
    static void removeContainersAndNetworks(WharfDaemon daemon) throws Exception {
        for (String id : daemon.docker("ps", "-aq").stdout().split("\\s+")) {
            if (!id.isBlank()) {
                daemon.docker("rm", "-f", id);
            }
        }
        daemon.docker("network", "prune", "-f");
    }

    /** Stops the daemon, then fails if its default bridge or any of its iptables rules is still on the host. */
    static void closeLeavingNothing(WharfDaemon daemon, String bridge) throws Exception {
        daemon.close();
        assertFalse(DaemonBridgeRun.ip("-o", "link").contains(bridge + ":"), "the bridge is left");
        String rules = DaemonBridgeRun.run("iptables-save");
        assertFalse(rules.contains(DaemonBridge.chainPrefix(bridge)), "rules are left:\n" + rules);
    }

    /** The body of {@code GET /} on 127.0.0.1:{@code port}, with bounded connect and read times. */
    static String get(int port) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL()
                .openConnection();
        c.setConnectTimeout(5000);
        c.setReadTimeout(5000);
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }
}
