package io.wharf.itests.networks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.itests.BusyboxImage;
import io.wharf.itests.DaemonBridge;
import io.wharf.itests.WharfDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bridge driver reconciles the host at start: a daemon killed with SIGKILL and started again, any number of
 * times, over the same data root or a fresh one, with {@code --bip} or without, finds its bridge with exactly its
 * one address, one set of its iptables rules, and containers that get network and published ports on 127.0.0.1.
 * Two daemons with their own bridges and data roots live side by side through each other's crashes.
 *
 * <p>{@code -Dwharf.reconcile.cycles=N} sets the number of start/kill cycles (3 by default; 50 by hand, see
 * bench/RESULTS.md).
 */
@Timeout(1800)
class NetworkReconcileIT {
    private static final int CYCLES = Integer.getInteger("wharf.reconcile.cycles", 3);

    /** Every daemon directory a test made, cleaned up after it whatever happened. */
    private final List<Path> dirs = new ArrayList<>();
    private final List<WharfDaemon> daemons = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (WharfDaemon d : daemons) {
            d.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        for (WharfDaemon d : daemons) {
            // containers of killed daemons still run under conmon: a daemon on the same directory removes them
            if (hasContainers(d.dir())) {
                try (WharfDaemon again = WharfDaemon.startIn(d.dir())) {
                    NetworkFixtures.removeContainersAndNetworks(again);
                } catch (AssertionError | IOException e) {
                    // the bridge and rules are still removed below
                }
            }
        }
        for (Path dir : dirs) {
            DaemonBridge.cleanUp(dir);
            delete(dir);
        }
    }

    @Test
    void sameDataRootWithBip() throws Exception {
        Path dir = newDir(null);
        WharfDaemon d = start(dir);
        String bridge = DaemonBridge.bridge(dir);
        BusyboxImage.load(d, "busybox:latest");
        String gateway = gateway(d);
        // a container that lives through every crash: its published port must keep working
        d.ok("run", "-d", "--name", "durable", "-p", "127.0.0.1::80", "busybox", "sh", "-c", NetworkFixtures.HTTPD);
        int durablePort = port(d, "durable");
        List<String> rules = ownRules(bridge);
        for (int i = 0; i < CYCLES; i++) {
            kill(d);
            assertTrue(NetworkFixtures.get(durablePort).startsWith("hello-"), "cycle " + i + ": the port answers while down");
            d = start(dir);
            checkHost(bridge, gateway, rules, "cycle " + i);
            assertEquals(gateway, gateway(d));
            assertTrue(NetworkFixtures.get(durablePort).startsWith("hello-"), "cycle " + i);
            containersStillGetNetwork(d, "cycle " + i);
        }
        d.ok("rm", "-f", "durable");
    }

    @Test
    void freshDataRootOverTheLeftBridgeWithBip() throws Exception {
        Path first = newDir(null);
        WharfDaemon d = start(first);
        String bridge = DaemonBridge.bridge(first);
        String gateway = gateway(d);
        List<String> rules = ownRules(bridge);
        for (int i = 0; i < CYCLES; i++) {
            kill(d);
            d = start(newDir(first));
            afterRestartOnAFreshDataRoot(d, bridge, gateway, rules, "cycle " + i);
        }
    }

    @Test
    void freshDataRootOverTheLeftBridgeWithoutBip() throws Exception {
        Path first = newDir(null);
        WharfDaemon d = start(first);
        String bridge = DaemonBridge.bridge(first);
        String gateway = gateway(d);
        List<String> rules = ownRules(bridge);
        for (int i = 0; i < CYCLES; i++) {
            kill(d);
            // no --bip: the bridge's own address is kept, as dockerd keeps it
            Path dir = newDir(first);
            d = track(WharfDaemon.startIn(dir, "--bridge", bridge));
            afterRestartOnAFreshDataRoot(d, bridge, gateway, rules, "cycle " + i);
        }
    }

    @Test
    void twoDaemonsWithTheirOwnBridgesCoexistThroughEachOthersCrashes() throws Exception {
        Path dirA = newDir(null);
        Path dirB = newDir(null);
        WharfDaemon a = start(dirA);
        WharfDaemon b = start(dirB);
        BusyboxImage.load(b, "busybox:latest");
        b.ok("run", "-d", "--name", "web", "-p", "127.0.0.1::80", "busybox", "sh", "-c", NetworkFixtures.HTTPD);
        int port = port(b, "web");
        String bridgeB = DaemonBridge.bridge(dirB);
        List<String> rulesB = ownRules(bridgeB);
        String gatewayB = gateway(b);
        String gatewayA = gateway(a);
        for (int i = 0; i < Math.min(CYCLES, 3); i++) {
            kill(a);
            a = start(newDir(dirA));
            assertEquals(gatewayA, gateway(a));
            checkHost(bridgeB, gatewayB, rulesB, "the other daemon, cycle " + i);
            assertTrue(NetworkFixtures.get(port).startsWith("hello-"), "cycle " + i);
        }
        checkHost(DaemonBridge.bridge(dirA), gatewayA, ownRules(DaemonBridge.bridge(dirA)), "the restarted one");
        b.ok("rm", "-f", "web");
    }

    // ---- what is checked after each start

    /** Exactly the one address on the bridge, and the same rules as after the first start, each once. */
    /** What a daemon restarted on a fresh data root over the left bridge must find and give. */
    private static void afterRestartOnAFreshDataRoot(WharfDaemon d, String bridge, String gateway, List<String> rules,
            String when) throws Exception {
        checkHost(bridge, gateway, rules, when);
        assertEquals(gateway, gateway(d), when);
        BusyboxImage.load(d, "busybox:latest");
        containersStillGetNetwork(d, when);
    }

    private static void checkHost(String bridge, String gateway, List<String> expectedRules, String when)
            throws Exception {
        String addrs = DaemonBridgeRun.ip("-o", "-4", "addr", "show", "dev", bridge).strip();
        List<String> lines = List.of(addrs.split("\n"));
        assertEquals(1, lines.size(), when + ": addresses on " + bridge + ":\n" + addrs);
        assertTrue(addrs.contains(" " + gateway + "/"), when + ": " + addrs);
        List<String> rules = ownRules(bridge);
        assertEquals(rules.size(), rules.stream().distinct().count(), when + ": duplicated rules:\n"
                + String.join("\n", rules));
        assertEquals(expectedRules, rules, when);
    }

    /** A new container reaches another by address, and its published port answers on 127.0.0.1. */
    private static void containersStillGetNetwork(WharfDaemon d, String when) throws Exception {
        d.ok("run", "-d", "--name", "probe", "-p", "127.0.0.1::80", "busybox", "sh", "-c", NetworkFixtures.HTTPD);
        String ip = d.ok("inspect", "-f", "{{.NetworkSettings.IPAddress}}", "probe").strip();
        String page = d.ok("run", "--rm", "busybox", "wget", "-q", "-O", "-", "http://" + ip + "/");
        assertTrue(page.startsWith("hello-"), when + ": " + page);
        assertTrue(NetworkFixtures.get(port(d, "probe")).startsWith("hello-"), when);
        d.ok("rm", "-f", "probe");
    }

    /** The daemon's rule lines that append rules (chain declarations repeat per table), sorted. */
    private static List<String> ownRules(String bridge) throws Exception {
        String prefix = DaemonBridge.chainPrefix(bridge);
        return DaemonBridgeRun.run("iptables-save").lines().filter(l -> l.startsWith("-A ") && l.contains(prefix))
                .sorted().toList();
    }

    private static String gateway(WharfDaemon d) throws Exception {
        return d.ok("network", "inspect", "-f", "{{(index .IPAM.Config 0).Gateway}}", "bridge").strip();
    }

    private static int port(WharfDaemon d, String container) throws Exception {
        String mapping = d.ok("port", container, "80").strip();
        return Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1));
    }

    // ---- daemons and their directories

    /** A daemon directory; with {@code like}, one with that directory's bridge and bip but a data root of its own. */
    private Path newDir(Path like) throws IOException {
        Path dir = Files.createTempDirectory("wharf-reconcile");
        dirs.add(dir);
        if (like != null) {
            DaemonBridge.args(like);
            Files.copy(like.resolve("bridge.args"), dir.resolve("bridge.args"));
        }
        return dir;
    }

    private WharfDaemon start(Path dir) throws Exception {
        return track(WharfDaemon.startIn(dir));
    }

    private WharfDaemon track(WharfDaemon d) {
        daemons.add(d);
        return d;
    }

    private static void kill(WharfDaemon d) throws InterruptedException {
        d.process().destroyForcibly();   // SIGKILL: no shutdown hook runs
        assertTrue(d.process().waitFor(30, TimeUnit.SECONDS), "wharfd did not die of SIGKILL");
    }

    private static boolean hasContainers(Path dir) throws IOException {
        Path containers = dir.resolve("data/containers");
        if (!Files.isDirectory(containers)) {
            return false;
        }
        try (var s = Files.list(containers)) {
            return s.findAny().isPresent();
        }
    }

    private static void delete(Path dir) throws IOException, InterruptedException {
        if (!Files.exists(dir)) {
            return;
        }
        io.wharf.testkit.storage.MountsUnder.forceUnmountAll(dir);
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
