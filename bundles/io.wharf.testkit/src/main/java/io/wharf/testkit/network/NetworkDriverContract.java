package io.wharf.testkit.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.wharf.api.network.NetworkDriver;
import io.wharf.api.network.NetworkDriver.EndpointInfo;
import io.wharf.api.network.NetworkDriver.JoinInfo;
import io.wharf.api.network.NetworkDriver.NetworkSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link NetworkDriver} must do, run against a real driver in network namespaces this class makes (and
 * removes): a network's endpoint joins a sandbox and leaves it, removals are idempotent, a network is found again
 * by {@link NetworkDriver#restore} in a new instance of the driver (a daemon restart), and an endpoint without
 * ports publishes nothing. A driver that wires interfaces ({@link #wiresInterfaces()}) must give the endpoint the
 * address asked for and show the interface it names inside the sandbox until it leaves. No traffic is sent.
 */
public abstract class NetworkDriverContract {
    private final List<String> namespaces = new ArrayList<>();
    private final List<NetworkDriver> drivers = new ArrayList<>();
    /** A short tag unique to the test, for names of the driver's objects (bridges, chains). */
    protected String tag;

    /** A new instance of the driver on the same state: a second one is a daemon restart. */
    protected abstract NetworkDriver newDriver();

    /** A network the driver accepts, unique to this test ({@link #tag}); {@code n} tells several apart. */
    protected abstract NetworkSpec network(int n);

    /** The address to ask for the endpoint {@code host} (1..250) of {@link #network(int) network n}, or null. */
    protected abstract String address(int n, int host);

    /** Whether the driver puts an interface into the sandbox on join. */
    protected abstract boolean wiresInterfaces();

    /** Releases an instance (threads, watchers); its kernel objects stay. */
    protected void closeDriver(NetworkDriver driver) {
    }

    /** Removes what the test may have left (after the driver's own removals ran), even when it failed. */
    protected void cleanUp() throws Exception {
    }

    @BeforeEach
    void setUpContract() {
        assumeTrue("root".equals(System.getProperty("user.name")), "network namespaces need root");
        tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
    }

    @AfterEach
    void tearDownContract() throws Exception {
        try {
            drivers.forEach(this::closeDriver);
            for (String ns : namespaces) {
                sh("ip", "netns", "del", ns);
            }
        } finally {
            cleanUp();
        }
    }

    protected NetworkDriver driver() {
        NetworkDriver d = newDriver();
        drivers.add(d);
        return d;
    }

    /** A network namespace of the test's own; returns its path, the sandbox key a join takes. */
    protected String sandbox(String name) throws Exception {
        String ns = "wharf-contract-" + tag + "-" + name;
        assertEquals(0, sh("ip", "netns", "add", ns), "ip netns add " + ns);
        namespaces.add(ns);
        return "/run/netns/" + ns;
    }

    @Test
    public void anEndpointJoinsASandboxAndLeavesIt() throws Exception {
        NetworkDriver d = driver();
        NetworkSpec net = network(1);
        d.createNetwork(net);
        String key = sandbox("a");
        String requested = address(1, 2);
        EndpointInfo info = d.createEndpoint(net.id(), "ep1" + tag, new EndpointInfo(requested, null, null),
                Map.of());
        assertNotNull(info);
        JoinInfo join = d.join(net.id(), "ep1" + tag, key, Map.of());
        assertNotNull(join);
        assertNotNull(join.staticRoutes());
        assertNotNull(join.extraHosts());
        if (wiresInterfaces()) {
            assertEquals(requested, info.ipv4Address());
            assertNotNull(join.interfaceName());
            assertTrue(linksIn(key).contains(join.interfaceName()), linksIn(key));
        }
        d.leave(net.id(), "ep1" + tag);
        if (wiresInterfaces()) {
            assertFalse(linksIn(key).contains(join.interfaceName()), linksIn(key));
        }
        d.deleteEndpoint(net.id(), "ep1" + tag);
        d.deleteNetwork(net.id());
    }

    @Test
    public void removalsAreIdempotent() throws Exception {
        NetworkDriver d = driver();
        NetworkSpec net = network(2);
        d.createNetwork(net);
        d.createEndpoint(net.id(), "ep2" + tag, new EndpointInfo(address(2, 3), null, null), Map.of());
        d.revokeExternalConnectivity(net.id(), "ep2" + tag);
        d.deleteEndpoint(net.id(), "ep2" + tag);
        d.deleteEndpoint(net.id(), "ep2" + tag);
        d.deleteNetwork(net.id());
        d.deleteNetwork(net.id());
        d.deleteNetwork("nosuchnetwork" + tag);
    }

    @Test
    public void anEndpointWithoutPortsPublishesNothing() throws Exception {
        NetworkDriver d = driver();
        NetworkSpec net = network(3);
        d.createNetwork(net);
        String key = sandbox("c");
        d.createEndpoint(net.id(), "ep3" + tag, new EndpointInfo(address(3, 4), null, null), Map.of());
        d.join(net.id(), "ep3" + tag, key, Map.of());
        assertEquals(List.of(), d.programExternalConnectivity(net.id(), "ep3" + tag, List.of()));
        d.revokeExternalConnectivity(net.id(), "ep3" + tag);
        d.leave(net.id(), "ep3" + tag);
        d.deleteEndpoint(net.id(), "ep3" + tag);
        d.deleteNetwork(net.id());
    }

    @Test
    public void aRestartedDriverRestoresItsNetworks() throws Exception {
        NetworkDriver first = driver();
        NetworkSpec net = network(4);
        first.createNetwork(net);
        closeDriver(first);
        drivers.remove(first);

        NetworkDriver again = driver();
        again.restore(net);
        String key = sandbox("d");
        again.createEndpoint(net.id(), "ep4" + tag, new EndpointInfo(address(4, 5), null, null), Map.of());
        JoinInfo join = again.join(net.id(), "ep4" + tag, key, Map.of());
        if (wiresInterfaces()) {
            assertTrue(linksIn(key).contains(join.interfaceName()), linksIn(key));
        }
        again.leave(net.id(), "ep4" + tag);
        again.deleteEndpoint(net.id(), "ep4" + tag);
        again.deleteNetwork(net.id());
    }

    /** {@code ip link} inside the sandbox. */
    protected static String linksIn(String sandboxKey) throws IOException, InterruptedException {
        String ns = sandboxKey.substring(sandboxKey.lastIndexOf('/') + 1);
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "ip", "-o", "link").redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return out;
    }

    private static int sh(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
