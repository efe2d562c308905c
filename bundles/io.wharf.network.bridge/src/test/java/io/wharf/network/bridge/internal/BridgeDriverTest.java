package io.wharf.network.bridge.internal;

import static io.wharf.network.bridge.internal.HostNet.links;
import static io.wharf.network.bridge.internal.HostNet.ok;
import static io.wharf.network.bridge.internal.HostNet.rulesMentioning;
import static io.wharf.network.bridge.internal.HostNet.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wharf.api.errors.WharfException;
import io.wharf.api.network.NetworkDriver.EndpointInfo;
import io.wharf.api.network.NetworkDriver.IpamData;
import io.wharf.api.network.NetworkDriver.JoinInfo;
import io.wharf.api.network.NetworkDriver.NetworkSpec;
import io.wharf.api.network.NetworkDriver.PortBinding;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge driver against the real kernel: its own bridges, namespaces and iptables chains (named for this
 * test run), traffic only between those namespaces and to 127.0.0.1.
 */
class BridgeDriverTest {
    @TempDir
    Path dataRoot;

    private String tag;
    private String chains;
    private final List<String> namespaces = new ArrayList<>();
    private final List<BridgeDriver> drivers = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private List<InetSocketAddress> upstreams = List.of();
    private int second;

    @BeforeEach
    void names() {
        tag = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xffff));
        chains = "WT" + tag;
        second = ThreadLocalRandom.current().nextInt(100, 250);
    }

    @AfterEach
    void cleanUp() throws Exception {
        processes.forEach(Process::destroyForcibly);
        for (AutoCloseable c : closeables) {
            c.close();
        }
        drivers.forEach(BridgeDriver::close);
        for (String ns : namespaces) {
            sh("ip", "netns", "del", ns);
        }
        for (String line : links().split("\n")) {
            String[] f = line.split(":\\s+");
            if (f.length > 1 && f[1].contains(tag)) {
                sh("ip", "link", "del", f[1].split("@")[0]);
            }
        }
        HostNet.removeChains(chains);
        HostNet.removeChains6(chains);
    }

    /** The driver's rules; the empty operator chain (like DOCKER-USER) deliberately stays. */
    private List<String> ownRules() {
        return rulesMentioning(chains).stream().filter(r -> !r.startsWith(":" + chains + "-USER ")).toList();
    }

    private BridgeDriver driver() {
        BridgeDriver d = new BridgeDriver(dataRoot.resolve("network/bridge"), chains, "wt" + tag + "d",
                () -> upstreams, 53);
        drivers.add(d);
        return d;
    }

    private String netns(String name) {
        String ns = "wharf-test-" + tag + "-" + name;
        ok("ip", "netns", "add", ns);
        namespaces.add(ns);
        return ns;
    }

    private NetworkSpec spec(String id, int third, boolean internal, Map<String, String> extra) {
        Map<String, String> options = new HashMap<>(extra);
        options.put(BridgeDriver.OPT_BRIDGE_NAME, "wt" + tag + id);
        String subnet = "10." + second + "." + third + ".0/24";
        String gateway = "10." + second + "." + third + ".1/24";
        return new NetworkSpec(id + "0000000000000000" + tag, "net-" + id, options, internal, false,
                List.of(new IpamData(subnet, gateway, Map.of())), List.of(), Map.of());
    }

    private String ip(int third, int host) {
        return "10." + second + "." + third + "." + host;
    }

    private JoinInfo attach(BridgeDriver d, NetworkSpec net, String endpoint, String address, String ns) {
        d.createEndpoint(net.id(), endpoint, new EndpointInfo(address + "/24", null, null), Map.of());
        return d.join(net.id(), endpoint, "/run/netns/" + ns, Map.of());
    }

    @Test
    void endpointsOnOneBridgeReachEachOtherAndTeardownLeavesNothing() {
        BridgeDriver d = driver();
        NetworkSpec net = spec("a", 1, false, Map.of());
        d.createNetwork(net);
        String bridge = "wt" + tag + "a";
        assertTrue(ok("ip", "-o", "addr", "show", "dev", bridge).contains(ip(1, 1) + "/24"));

        String nsA = netns("a");
        String nsB = netns("b");
        JoinInfo join = attach(d, net, "ep-a-" + tag, ip(1, 2), nsA);
        attach(d, net, "ep-b-" + tag, ip(1, 3), nsB);
        assertEquals("eth0", join.interfaceName());
        assertEquals(ip(1, 1), join.gateway());

        String eth0 = ok("ip", "-n", nsA, "-o", "addr", "show", "dev", "eth0");
        assertTrue(eth0.contains(ip(1, 2) + "/24"), eth0);
        String link = ok("ip", "-n", nsA, "-o", "link", "show", "dev", "eth0");
        assertTrue(link.contains(String.format("02:42:0a:%02x:01:02", second)), link);
        assertTrue(ok("ip", "-n", nsA, "route").contains("default via " + ip(1, 1) + " dev eth0"));

        ok("ip", "netns", "exec", nsA, "busybox", "ping", "-c1", "-W1", ip(1, 3));
        ok("ip", "netns", "exec", nsB, "busybox", "ping", "-c1", "-W1", ip(1, 2));

        d.leave(net.id(), "ep-a-" + tag);
        assertFalse(links().contains(BridgeDriver.vethName("ep-a-" + tag)), links());
        d.deleteEndpoint(net.id(), "ep-a-" + tag);
        // the daemon's order when a container stops: its namespace goes first, then the endpoint
        ok("ip", "netns", "del", nsB);
        d.leave(net.id(), "ep-b-" + tag);
        d.deleteEndpoint(net.id(), "ep-b-" + tag);
        d.deleteNetwork(net.id());
        assertFalse(links().contains(bridge), links());
        assertFalse(links().contains(BridgeDriver.vethName("ep-b-" + tag)), links());
        assertEquals(List.of(), ownRules());
        assertEquals(List.of(), rulesMentioning(bridge));
    }

    @Test
    void publishedPortAnswersOnLoopbackAndRefusesATakenPort() throws Exception {
        BridgeDriver d = driver();
        NetworkSpec net = spec("p", 2, false, Map.of());
        d.createNetwork(net);
        String nsA = netns("a");
        attach(d, net, "ep-p-" + tag, ip(2, 2), nsA);
        Process echo = new ProcessBuilder("ip", "netns", "exec", nsA, "busybox", "nc", "-ll", "-p", "8080", "-e",
                "/bin/cat").redirectErrorStream(true).start();
        processes.add(echo);

        List<PortBinding> bound = d.programExternalConnectivity(net.id(), "ep-p-" + tag,
                List.of(new PortBinding("tcp", 8080, "", 0, 0)));
        assertEquals(1, bound.size());
        int hostPort = bound.get(0).hostPort();
        int[] range = new PortAllocator(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).ephemeralRange();
        assertTrue(hostPort >= range[0] && hostPort <= range[1], "ephemeral: " + hostPort);
        assertEquals("0.0.0.0", bound.get(0).hostIp());

        assertEquals("hello", echoThrough(hostPort, "hello"));

        // a port a host process listens on
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            WharfException e = assertThrows(WharfException.class, () -> d.programExternalConnectivity(net.id(),
                    "ep-p-" + tag, List.of(new PortBinding("tcp", 80, "127.0.0.1", port, port))));
            assertEquals("Bind for 127.0.0.1:" + port + " failed: port is already allocated", e.getMessage());
        }
        // a port another endpoint publishes
        String nsB = netns("b");
        attach(d, net, "ep-q-" + tag, ip(2, 3), nsB);
        WharfException e = assertThrows(WharfException.class, () -> d.programExternalConnectivity(net.id(),
                "ep-q-" + tag, List.of(new PortBinding("tcp", 80, "", hostPort, hostPort))));
        assertEquals("Bind for 0.0.0.0:" + hostPort + " failed: port is already allocated", e.getMessage());
        // udp on the same number is another port
        List<PortBinding> udp = d.programExternalConnectivity(net.id(), "ep-q-" + tag,
                List.of(new PortBinding("udp", 53, "", hostPort, hostPort)));
        assertEquals(hostPort, udp.get(0).hostPort());

        d.revokeExternalConnectivity(net.id(), "ep-p-" + tag);
        assertTrue(rulesMentioning(ip(2, 2) + ":8080").isEmpty());
        d.deleteNetwork(net.id());
        assertEquals(List.of(), ownRules());
        assertFalse(links().contains("wt" + tag + "p"));
    }

    private String echoThrough(int port, String text) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                s.setSoTimeout(3000);
                s.getOutputStream().write((text + "\n").getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                InputStream in = s.getInputStream();
                StringBuilder got = new StringBuilder();
                int c;
                while ((c = in.read()) != -1 && c != '\n') {
                    got.append((char) c);
                }
                if (got.length() > 0) {
                    return got.toString();
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no echo on 127.0.0.1:" + port, last);
    }

    @Test
    void internalNetworkHasNoWayOut() {
        BridgeDriver d = driver();
        NetworkSpec internal = spec("i", 3, true, Map.of());
        NetworkSpec other = spec("o", 4, false, Map.of());
        d.createNetwork(internal);
        d.createNetwork(other);
        String nsA = netns("a");
        String nsB = netns("b");
        JoinInfo join = attach(d, internal, "ep-i-" + tag, ip(3, 2), nsA);
        attach(d, other, "ep-o-" + tag, ip(4, 2), nsB);
        assertEquals(null, join.gateway());
        assertFalse(ok("ip", "-n", nsA, "route").contains("default"));
        ok("ip", "netns", "exec", nsA, "busybox", "ping", "-c1", "-W1", ip(3, 1));
        // even with a route added by hand, the host does not forward out of an internal network
        ok("ip", "-n", nsA, "route", "add", ip(4, 0) + "/24", "via", ip(3, 1));
        assertNotEquals(0, sh("ip", "netns", "exec", nsA, "busybox", "ping", "-c1", "-W1", ip(4, 2)).code());
        assertFalse(rulesMentioning("-o wt" + tag + "i -j DROP").isEmpty());
    }

    @Test
    void iccFalseDropsTrafficBetweenContainersAndMtuApplies() {
        BridgeDriver d = driver();
        NetworkSpec net = spec("c", 5, false, Map.of(BridgeDriver.OPT_ICC, "false", BridgeDriver.OPT_MTU, "1400"));
        d.createNetwork(net);
        String nsA = netns("a");
        String nsB = netns("b");
        attach(d, net, "ep-c1-" + tag, ip(5, 2), nsA);
        attach(d, net, "ep-c2-" + tag, ip(5, 3), nsB);
        assertTrue(ok("ip", "-n", nsA, "-o", "link", "show", "dev", "eth0").contains("mtu 1400"));
        ok("ip", "netns", "exec", nsA, "busybox", "ping", "-c1", "-W1", ip(5, 1));
        assertNotEquals(0, sh("ip", "netns", "exec", nsA, "busybox", "ping", "-c1", "-W1", ip(5, 3)).code());
    }

    @Test
    void dnsAnswersRegisteredNamesAndForwardsTheRest() throws Exception {
        DatagramSocket upstream = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
        closeables.add(upstream);
        upstreams = List.of(new InetSocketAddress("127.0.0.1", upstream.getLocalPort()));
        Thread fake = new Thread(() -> answerEverythingWith(upstream, new byte[] {(byte) 192, 0, 2, 99}));
        fake.setDaemon(true);
        fake.start();

        BridgeDriver d = driver();
        NetworkSpec net = spec("n", 6, false, Map.of());
        d.createNetwork(net);
        String nsA = netns("a");
        String nsB = netns("b");
        attach(d, net, "ep-n1-" + tag, ip(6, 2), nsA);
        attach(d, net, "ep-n2-" + tag, ip(6, 3), nsB);
        d.register(net.id(), "ep-n2-" + tag, List.of("web", "Alias1", "0123456789ab"));
        assertEquals(ip(6, 1), d.nameserver(net.id()).orElseThrow());

        String web = ok("ip", "netns", "exec", nsA, "busybox", "nslookup", "web", ip(6, 1));
        assertTrue(web.contains(ip(6, 3)), web);
        String alias = ok("ip", "netns", "exec", nsA, "busybox", "nslookup", "alias1", ip(6, 1));
        assertTrue(alias.contains(ip(6, 3)), alias);
        String forwarded = ok("ip", "netns", "exec", nsA, "busybox", "nslookup", "elsewhere.example", ip(6, 1));
        assertTrue(forwarded.contains("192.0.2.99"), forwarded);

        assertEquals(ip(6, 3), tcpQuery(ip(6, 1), "web"));

        d.unregister(net.id(), "ep-n2-" + tag);
        String gone = sh("ip", "netns", "exec", nsA, "busybox", "nslookup", "web", ip(6, 1)).text();
        assertFalse(gone.contains(ip(6, 3)), gone);
    }

    @Test
    void dnsForwardsAContainersQueriesToItsOwnServersAndResolvesItsLinksForItAlone() throws Exception {
        DatagramSocket host = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"));
        closeables.add(host);
        upstreams = List.of(new InetSocketAddress("127.0.0.1", host.getLocalPort()));
        DatagramSocket own = new DatagramSocket(0, InetAddress.getByName("127.0.0.2"));
        closeables.add(own);
        for (Runnable r : List.<Runnable>of(() -> answerEverythingWith(host, new byte[] {(byte) 192, 0, 2, 99}),
                () -> answerEverythingWith(own, new byte[] {(byte) 192, 0, 2, 77}))) {
            Thread t = new Thread(r);
            t.setDaemon(true);
            t.start();
        }
        // the containers' own servers listen on the second responder's port instead of 53
        BridgeDriver d = new BridgeDriver(dataRoot.resolve("network/bridge"), chains, "wt" + tag + "d",
                () -> upstreams, 53, own.getLocalPort());
        drivers.add(d);
        NetworkSpec net = spec("f", 9, false, Map.of());
        d.createNetwork(net);
        String nsA = netns("a");
        String nsB = netns("b");
        attach(d, net, "ep-f1-" + tag, ip(9, 2), nsA);
        attach(d, net, "ep-f2-" + tag, ip(9, 3), nsB);
        d.register(net.id(), "ep-f1-" + tag, List.of("client"));
        d.register(net.id(), "ep-f2-" + tag, List.of("web"));
        d.configure(net.id(), "ep-f1-" + tag, List.of("127.0.0.2"), Map.of("DB", "web"));

        String mine = ok("ip", "netns", "exec", nsA, "busybox", "nslookup", "elsewhere.example", ip(9, 1));
        assertTrue(mine.contains("192.0.2.77"), mine);
        String theirs = ok("ip", "netns", "exec", nsB, "busybox", "nslookup", "elsewhere.example", ip(9, 1));
        assertTrue(theirs.contains("192.0.2.99"), theirs);
        String linked = ok("ip", "netns", "exec", nsA, "busybox", "nslookup", "db", ip(9, 1));
        assertTrue(linked.contains(ip(9, 3)), linked);
        String notLinked = sh("ip", "netns", "exec", nsB, "busybox", "nslookup", "db", ip(9, 1)).text();
        assertFalse(notLinked.contains(ip(9, 3)), notLinked);

        // kept on disk: a new driver instance (bundle update) forwards the same way
        d.close();
        BridgeDriver again = new BridgeDriver(dataRoot.resolve("network/bridge"), chains, "wt" + tag + "d",
                () -> upstreams, 53, own.getLocalPort());
        drivers.add(again);
        again.restore(net);
        String after = ok("ip", "netns", "exec", nsA, "busybox", "nslookup", "elsewhere.example", ip(9, 1));
        assertTrue(after.contains("192.0.2.77"), after);
    }

    /** Asks the server over TCP for an A record and returns the first address in the answer. */
    private static String tcpQuery(String server, String name) throws IOException {
        java.io.ByteArrayOutputStream q = new java.io.ByteArrayOutputStream();
        q.write(new byte[] {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
        q.write(DnsMessage.encodeName(name));
        q.write(new byte[] {0, 1, 0, 1});
        byte[] query = q.toByteArray();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(server, 53), 2000);
            s.setSoTimeout(3000);
            java.io.DataOutputStream out = new java.io.DataOutputStream(s.getOutputStream());
            out.writeShort(query.length);
            out.write(query);
            out.flush();
            java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            assertEquals(0x1234, DnsMessage.id(reply));
            assertEquals(1, reply[7], "one answer");
            int rdata = reply.length - 4;
            return InetAddress.getByAddress(java.util.Arrays.copyOfRange(reply, rdata, rdata + 4)).getHostAddress();
        }
    }

    @Test
    void ipv6EndpointsGetTheirAddressAndRoute() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(Path.of("/proc/net/if_inet6")),
                "IPv6 disabled in this kernel");
        BridgeDriver d = driver();
        NetworkSpec base = spec("v", 8, false, Map.of());
        String prefix = "fd00:" + tag + ":" + second + "::";
        NetworkSpec net = new NetworkSpec(base.id(), base.name(), base.options(), false, true, base.ipv4(),
                List.of(new IpamData(prefix + "/64", prefix + "1/64", Map.of())), Map.of());
        d.createNetwork(net);
        String nsA = netns("a");
        d.createEndpoint(net.id(), "ep-v-" + tag, new EndpointInfo(ip(8, 2) + "/24", prefix + "2/64", null),
                Map.of());
        JoinInfo join = d.join(net.id(), "ep-v-" + tag, "/run/netns/" + nsA, Map.of());
        assertEquals(prefix + "1", join.gatewayIpv6());
        assertTrue(ok("ip", "-n", nsA, "-6", "-o", "addr", "show", "dev", "eth0").contains(prefix + "2/64"));
        assertTrue(ok("ip", "-n", nsA, "-6", "route").contains("default via " + prefix + "1"));
        ok("ip", "netns", "exec", nsA, "busybox", "ping", "-c1", "-W2", prefix + "1");
        String bridge = "wt" + tag + "v";
        assertTrue(ok("ip6tables-save").contains("-A " + chains + "-ISOLATION-STAGE-2 -o " + bridge + " -j DROP"));
        d.deleteNetwork(net.id());
        assertFalse(links().contains(tag), links());
        assertFalse(ok("ip6tables-save").contains(chains + "-FORWARD"));
    }

    /** A stand-in for the host's resolver: answers every A query with one address. */
    private static void answerEverythingWith(DatagramSocket socket, byte[] address) {
        byte[] buf = new byte[512];
        while (!socket.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                socket.receive(p);
                byte[] query = java.util.Arrays.copyOf(buf, p.getLength());
                DnsMessage.Question q = DnsMessage.question(query, query.length);
                if (q == null) {
                    continue;
                }
                List<byte[]> answers = q.type() == DnsMessage.TYPE_A ? List.of(address) : List.of();
                byte[] reply = DnsMessage.response(query, q, 0, q.type(), 60, answers);
                socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
            } catch (IOException e) {
                return;
            }
        }
    }

    @Test
    void aNewDriverRestoresWithoutDuplicatingRules() throws Exception {
        BridgeDriver first = driver();
        NetworkSpec net = spec("r", 7, false, Map.of());
        first.createNetwork(net);
        String nsA = netns("a");
        attach(first, net, "ep-r-" + tag, ip(7, 2), nsA);
        Process echo = new ProcessBuilder("ip", "netns", "exec", nsA, "busybox", "nc", "-ll", "-p", "8080", "-e",
                "/bin/cat").redirectErrorStream(true).start();
        processes.add(echo);
        int hostPort = first.programExternalConnectivity(net.id(), "ep-r-" + tag,
                List.of(new PortBinding("tcp", 8080, "127.0.0.1", 0, 0))).get(0).hostPort();
        List<String> rules = rulesMentioning(chains);
        first.close();

        // the bridge vanished while the daemon was down
        ok("ip", "link", "del", "wt" + tag + "r");
        BridgeDriver second = driver();
        second.restore(net);
        second.restore(net);
        assertEquals(rules, rulesMentioning(chains));
        assertTrue(ok("ip", "-o", "addr", "show", "dev", "wt" + tag + "r").contains(ip(7, 1) + "/24"));
        assertEquals("again", echoThrough(hostPort, "again"));

        second.deleteNetwork(net.id());
        assertEquals(List.of(), ownRules());
        assertFalse(links().contains(tag), links());
    }

    @Test
    void aDriverWithFreshRecordsAdoptsItsBridgeAndRemovesWhatItNoLongerWants() throws Exception {
        BridgeDriver first = driver();
        NetworkSpec net = spec("f", 9, false, Map.of());
        first.createNetwork(net);
        NetworkSpec gone = spec("g", 10, false, Map.of());
        first.createNetwork(gone);
        String nsA = netns("a");
        attach(first, net, "ep-f-" + tag, ip(9, 2), nsA);
        first.programExternalConnectivity(net.id(), "ep-f-" + tag,
                List.of(new PortBinding("tcp", 8080, "127.0.0.1", 0, 0)));
        first.close();
        String bridge = "wt" + tag + "f";
        // an earlier run stacked a second address on the bridge and duplicated a jump into the chains
        ok("ip", "addr", "add", "10." + second + ".99.1/24", "dev", bridge);
        ok("iptables", "-w", "-A", "FORWARD", "-j", chains + "-FORWARD");
        ok("iptables", "-w", "-t", "nat", "-A", "POSTROUTING", "-j", chains + "-POSTROUTING");
        String veth = BridgeDriver.vethName("ep-f-" + tag);
        assertTrue(links().contains(veth), links());

        // a fresh data root: the same network again under another ID, the old one unknown
        dataRoot = dataRoot.resolve("fresh");
        BridgeDriver fresh = driver();
        fresh.createNetwork(new NetworkSpec("h0000000000000000" + tag, "net-h", net.options(), false, false,
                net.ipv4(), List.of(), Map.of()));
        String addrs = ok("ip", "-o", "-4", "addr", "show", "dev", bridge);
        assertEquals(1, addrs.strip().split("\n").length, addrs);
        assertTrue(addrs.contains(ip(9, 1) + "/24"), addrs);
        assertFalse(links().contains("wt" + tag + "g:"), "the bridge no record names is left: " + links());
        fresh.restore(new NetworkSpec("h0000000000000000" + tag, "net-h", net.options(), false, false,
                net.ipv4(), List.of(), Map.of()));
        assertFalse(links().contains(veth), "the forgotten endpoint's veth is left: " + links());
        List<String> rules = ownRules();
        assertEquals(1, rules.stream().filter(r -> r.equals("-A FORWARD -j " + chains + "-FORWARD")).count(),
                String.join("\n", rules));
        assertEquals(1, rules.stream().filter(r -> r.equals("-A POSTROUTING -j " + chains + "-POSTROUTING"))
                .count(), String.join("\n", rules));
        assertTrue(rules.stream().noneMatch(r -> r.contains("DNAT")), "the forgotten port is still published");
        List<String> appended = rules.stream().filter(r -> r.startsWith("-A ")).toList();
        assertEquals(appended.size(), appended.stream().distinct().count(), String.join("\n", rules));
    }
}
