package io.wharf.network.bridge.internal;

import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.network.NameResolver;
import io.wharf.api.network.NetworkDriver;
import io.wharf.linux.LinuxException;
import io.wharf.linux.RouteNetlink;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@code bridge} network driver: one Linux bridge per network ({@code wharf0} for the default network,
 * {@code br-<12 hex of the ID>} otherwise), a veth pair per endpoint whose inner end is created directly in the
 * sandbox's network namespace, iptables rules in the driver's own chains, published ports as DNAT rules, and a DNS
 * server per user-defined network on the gateway address.
 *
 * <p>Kernel work goes through {@code ip -batch -}: a join costs two spawns (host side, then
 * {@code nsenter --net=<sandbox> ip -batch -} inside), a leave one; publishing ports one {@code iptables-restore}.
 * Every network and endpoint is recorded under {@code <data-root>/network/bridge/} before the kernel is touched,
 * so {@link #restore} can re-create what is missing and deletion can remove everything that was made.
 */
@Component(service = {NetworkDriver.class, NameResolver.class}, property = NetworkDriver.NAME + "=bridge",
        configurationPid = BridgeDriver.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class BridgeDriver implements NetworkDriver, NameResolver {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.network.bridge";

    public static final String OPT_BRIDGE_NAME = "com.docker.network.bridge.name";
    public static final String OPT_ICC = "com.docker.network.bridge.enable_icc";
    public static final String OPT_MASQUERADE = "com.docker.network.bridge.enable_ip_masquerade";
    public static final String OPT_MTU = "com.docker.network.driver.mtu";
    public static final String OPT_HOST_BINDING = "com.docker.network.bridge.host_binding_ipv4";
    public static final String OPT_DEFAULT_BRIDGE = DefaultIpam.DEFAULT_BRIDGE_OPTION;
    /** Join option: the interface name inside the sandbox; by default the next free {@code ethN}. */
    public static final String OPT_INTERFACE = "io.wharf.network.interface";

    @ObjectClassDefinition(name = "Wharf bridge network driver")
    @interface Config {
        String data_root() default "/var/lib/wharf";

        /** dockerd's {@code -b/--bridge}: the default network's bridge; empty means {@code wharf0}. */
        String bridge() default "";
    }

    private final BridgeStore store;
    /** The bridges' alias naming this daemon (by its chain prefix), so that its own leftovers are known as such. */
    private final String mark;
    private final LinkAddresses addresses;
    /** Whether this instance has removed the marked bridges its records no longer name. */
    private boolean swept;
    private final Firewall firewall;
    private final Firewall firewall6;
    private final FirewallTools firewallTools = new FirewallTools();
    private final Commands commands = new Commands();
    private final PortAllocator ports = new PortAllocator(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
    private final String defaultBridgeName;
    private final UpstreamChoice upstreams;
    private final int dnsPort;
    private final ExecutorService dnsWorkers;
    private final Map<String, DnsServer> dnsServers = new ConcurrentHashMap<>();
    /** Each network's endpoints with their names, resolvers and links, so queries need no disk access. */
    private final Map<String, List<BridgeEndpoint>> nameTable = new ConcurrentHashMap<>();
    /** Serializes whatever rewrites the rule set: networks and published ports. */
    private final Object rulesLock = new Object();

    @Activate
    public BridgeDriver(Config config) {
        this(Path.of(config.data_root(), "network", "bridge"), chainPrefix(defaultBridge(config.bridge())),
                defaultBridge(config.bridge()), new ResolvConf(Path.of("/etc/resolv.conf")), 53);
    }

    static String defaultBridge(String configured) {
        return configured == null || configured.isBlank() ? "wharf0" : configured.trim();
    }

    /**
     * Daemons with their own default bridge get chains of their own, so that one daemon's rule set never flushes
     * another's: {@code WHARF} for {@code wharf0}, else {@code WH-<bridge>} (cut so that the longest chain name,
     * {@code <prefix>-ISOLATION-STAGE-1}, stays within iptables' 28 characters).
     */
    static String chainPrefix(String bridge) {
        if (bridge.equals("wharf0")) {
            return "WHARF";
        }
        String p = "WH-" + bridge.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
        return p.length() <= 10 ? p : "WH-" + String.format("%07X", bridge.hashCode() & 0xFFFFFFF);
    }

    BridgeDriver(Path root, String chainPrefix, String defaultBridgeName,
            Supplier<List<InetSocketAddress>> upstreams, int dnsPort) {
        this(root, chainPrefix, defaultBridgeName, upstreams, dnsPort, 53);
    }

    /** @param upstreamPort where the containers' own {@code --dns} servers listen: 53, but for tests */
    BridgeDriver(Path root, String chainPrefix, String defaultBridgeName,
            Supplier<List<InetSocketAddress>> upstreams, int dnsPort, int upstreamPort) {
        this.store = new BridgeStore(root);
        this.mark = "wharf:" + chainPrefix;
        this.addresses = new LinkAddresses(commands);
        this.firewall = new Firewall(commands, chainPrefix, false);
        this.firewall6 = new Firewall(commands, chainPrefix, true);
        this.defaultBridgeName = defaultBridgeName;
        this.upstreams = new UpstreamChoice(upstreams, upstreamPort);
        this.dnsPort = dnsPort;
        this.dnsWorkers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wharf-dns-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Other engine settings changed: nothing here depends on them, and a new data root takes a restart, so the
     * DNS servers keep running instead of the component being rebuilt.
     */
    @Modified
    void modified() {
    }

    /** Stops the DNS servers; bridges, veths and rules stay for the next activation (live restore). */
    @Deactivate
    public void close() {
        dnsServers.values().forEach(DnsServer::close);
        dnsServers.clear();
        dnsWorkers.shutdownNow();
    }

    // ---- networks

    @Override
    public void createNetwork(NetworkSpec spec) {
        BridgeNetwork network = describe(spec);
        synchronized (rulesLock) {
            for (BridgeNetwork other : store.networks()) {
                if (!other.id().equals(network.id()) && other.bridge().equals(network.bridge())) {
                    throw new ConflictException("bridge name " + network.bridge() + " is used by network "
                            + other.name());
                }
            }
            store.save(network);
            sweepOnce();
            ensureBridge(network);
            applyRules(store.networks());
        }
        startDns(network);
    }

    @Override
    public void restore(NetworkSpec spec) {
        firewall.recheckHooks();
        firewall6.recheckHooks();
        createNetwork(spec);
        BridgeNetwork network = store.network(spec.id()).orElseThrow();
        removeStrayVeths(network);
        List<String> reattach = new ArrayList<>();
        for (BridgeEndpoint endpoint : store.endpoints(network.id())) {
            if (endpoint.sandbox() == null) {
                continue;
            }
            if (!Files.exists(Path.of(endpoint.sandbox()))) {
                removeVeth(endpoint);
                store.save(endpoint.withJoin(null, null, false));
            } else if (!linkExists(endpoint.veth())) {
                plumb(network, endpoint);
            } else {
                // a bridge re-created above lost its ports; attaching again is harmless when it did not
                reattach.add("link set dev " + endpoint.veth() + " master " + network.bridge() + " up");
            }
        }
        if (!reattach.isEmpty()) {
            ipBatch(reattach, "cannot attach endpoints to bridge " + network.bridge());
        }
    }

    @Override
    public void deleteNetwork(String networkId) {
        Optional<BridgeNetwork> found = store.network(networkId);
        if (found.isEmpty()) {
            return;
        }
        BridgeNetwork network = found.get();
        for (BridgeEndpoint endpoint : store.endpoints(networkId)) {
            deleteEndpoint(networkId, endpoint.id());
        }
        stopDns(networkId);
        synchronized (rulesLock) {
            List<BridgeNetwork> rest = store.networks().stream().filter(n -> !n.id().equals(networkId)).toList();
            applyRules(rest);
            if (linkExists(network.bridge())) {
                commands.check(List.of("ip", "link", "del", network.bridge()), null,
                        "cannot remove bridge " + network.bridge());
            }
            store.deleteNetwork(networkId);
        }
    }

    private BridgeNetwork describe(NetworkSpec spec) {
        if (spec.id() == null || spec.id().isEmpty()) {
            throw new InvalidArgumentException("network ID missing");
        }
        Map<String, String> opts = spec.options() == null ? Map.of() : spec.options();
        // the predefined network is called "bridge"; users cannot create another of that name
        boolean defaultBridge = "true".equalsIgnoreCase(opts.get(OPT_DEFAULT_BRIDGE)) || "bridge".equals(spec.name());
        String bridge = opts.get(OPT_BRIDGE_NAME);
        if (bridge == null || bridge.isEmpty()) {
            bridge = defaultBridge ? defaultBridgeName
                    : "br-" + spec.id().substring(0, Math.min(12, spec.id().length()));
        }
        if (!bridge.matches("[A-Za-z0-9_.-]{1,15}")) {
            throw new InvalidArgumentException("invalid bridge name: " + bridge);
        }
        int mtu = 0;
        String mtuText = opts.get(OPT_MTU);
        if (mtuText != null && !mtuText.isEmpty()) {
            try {
                mtu = Integer.parseInt(mtuText);
            } catch (NumberFormatException e) {
                throw new InvalidArgumentException("invalid MTU: " + mtuText);
            }
            if (mtu != 0 && (mtu < 68 || mtu > 65535)) {
                throw new InvalidArgumentException("invalid MTU: " + mtuText);
            }
        }
        if (spec.ipv4() == null || spec.ipv4().isEmpty() || spec.ipv4().get(0).pool() == null) {
            throw new InvalidArgumentException("bridge network " + spec.name() + " needs an IPv4 pool");
        }
        Cidr gateway4 = gateway(spec.ipv4().get(0));
        Cidr gateway6 = null;
        if (spec.enableIpv6() && spec.ipv6() != null && !spec.ipv6().isEmpty()) {
            gateway6 = gateway(spec.ipv6().get(0));
        }
        String hostIp = opts.getOrDefault(OPT_HOST_BINDING, "0.0.0.0");
        Cidr.literal(hostIp, hostIp);
        return new BridgeNetwork(spec.id(), spec.name(), bridge, mtu, bool(opts, OPT_ICC), bool(opts, OPT_MASQUERADE),
                spec.internal(), defaultBridge, gateway4, gateway6, hostIp);
    }

    private static Cidr gateway(IpamData data) {
        Cidr pool = Cidr.parse(data.pool());
        if (data.gateway() == null || data.gateway().isEmpty()) {
            return pool.at(java.math.BigInteger.ONE);
        }
        Cidr gw = Cidr.parse(data.gateway());
        Cidr withPrefix = data.gateway().contains("/") ? gw : pool.withAddress(gw.address());
        if (!pool.contains(withPrefix.address())) {
            throw new InvalidArgumentException("gateway " + withPrefix.ip() + " is not in subnet " + pool);
        }
        return new Cidr(withPrefix.address(), pool.prefix());
    }

    private static boolean bool(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null || v.isEmpty()) {
            return true;
        }
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new InvalidArgumentException("invalid value for " + key + ": " + v);
        }
        return Boolean.parseBoolean(v);
    }

    /**
     * Creates what is missing of the bridge and makes its addresses exactly the recorded ones: an address another
     * run stacked on it is removed. Every line is idempotent, so restore runs the same batch.
     */
    private void ensureBridge(BridgeNetwork n) {
        List<String> batch = new ArrayList<>();
        if (!linkExists(n.bridge())) {
            batch.add("link add name " + n.bridge() + " type bridge");
        }
        batch.add("link set dev " + n.bridge() + " alias " + mark);
        if (n.mtu() > 0) {
            batch.add("link set dev " + n.bridge() + " mtu " + n.mtu());
        }
        for (Cidr stray : BridgeReconcile.strayAddresses(addresses.of(n.bridge()), n)) {
            batch.add("addr del " + stray + " dev " + n.bridge());
        }
        batch.add("addr replace " + n.gateway4() + " dev " + n.bridge());
        if (n.gateway6() != null) {
            batch.add("addr replace " + n.gateway6() + " dev " + n.bridge() + " nodad");
        }
        batch.add("link set dev " + n.bridge() + " up");
        ipBatch(batch, "cannot set up bridge " + n.bridge());
        // 127.0.0.1:port DNATed into the bridge must be routable out of it
        sysctl("net/ipv4/conf/" + n.bridge() + "/route_localnet", "1");
        if (!n.internal()) {
            sysctl("net/ipv4/ip_forward", "1");
        }
    }

    // ---- endpoints

    @Override
    public EndpointInfo createEndpoint(String networkId, String endpointId, EndpointInfo requested,
            Map<String, String> options) {
        BridgeNetwork network = network(networkId);
        Optional<BridgeEndpoint> existing = store.endpoint(endpointId);
        if (existing.isPresent()) {
            return info(existing.get());
        }
        if (requested == null || requested.ipv4Address() == null || requested.ipv4Address().isEmpty()) {
            throw new InvalidArgumentException("endpoint " + endpointId + " needs an IPv4 address");
        }
        Cidr ipv4 = withPrefix(requested.ipv4Address(), network.gateway4());
        Cidr ipv6 = requested.ipv6Address() == null || requested.ipv6Address().isEmpty() || network.gateway6() == null
                ? null : withPrefix(requested.ipv6Address(), network.gateway6());
        String mac = requested.macAddress() == null || requested.macAddress().isEmpty() ? macFor(ipv4)
                : requested.macAddress().toLowerCase(Locale.ROOT);
        if (!mac.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
            throw new InvalidArgumentException("invalid MAC address: " + mac);
        }
        BridgeEndpoint endpoint = new BridgeEndpoint(endpointId, networkId, ipv4, ipv6, mac, vethName(endpointId),
                null, null, false, List.of(), List.of());
        store.save(endpoint);
        return info(endpoint);
    }

    @Override
    public void deleteEndpoint(String networkId, String endpointId) {
        Optional<BridgeEndpoint> found = store.endpoint(endpointId);
        if (found.isEmpty()) {
            return;
        }
        BridgeEndpoint endpoint = found.get();
        if (!endpoint.ports().isEmpty()) {
            revokeExternalConnectivity(networkId, endpointId);
        }
        removeVeth(endpoint);
        store.deleteEndpoint(endpointId);
        refreshNames(endpoint.network());
    }

    @Override
    public JoinInfo join(String networkId, String endpointId, String sandboxKey, Map<String, String> options) {
        BridgeNetwork network = network(networkId);
        BridgeEndpoint endpoint = endpoint(networkId, endpointId);
        if (sandboxKey == null || !Files.exists(Path.of(sandboxKey))) {
            throw new InvalidArgumentException("sandbox " + sandboxKey + " does not exist");
        }
        List<BridgeEndpoint> neighbours = store.endpoints().stream()
                .filter(e -> sandboxKey.equals(e.sandbox()) && !e.id().equals(endpointId)).toList();
        String ifname = options == null ? null : options.get(OPT_INTERFACE);
        if (ifname == null || ifname.isEmpty()) {
            Set<String> used = neighbours.stream().map(BridgeEndpoint::ifname).collect(Collectors.toSet());
            int n = 0;
            while (used.contains("eth" + n)) {
                n++;
            }
            ifname = "eth" + n;
        }
        // the first network that routes out gives the default route, as in dockerd
        boolean routesOut = !network.internal() && neighbours.stream().noneMatch(BridgeEndpoint::gateway);
        BridgeEndpoint joined = endpoint.withJoin(sandboxKey, ifname, routesOut);
        store.save(joined);
        try {
            plumb(network, joined);
        } catch (RuntimeException e) {
            removeVeth(joined);
            store.save(endpoint.withJoin(null, null, false));
            throw e;
        }
        return new JoinInfo(ifname, routesOut ? network.gateway4().ip() : null,
                routesOut && network.gateway6() != null ? network.gateway6().ip() : null, List.of(), Map.of(),
                false);
    }

    @Override
    public void leave(String networkId, String endpointId) {
        Optional<BridgeEndpoint> found = store.endpoint(endpointId);
        if (found.isEmpty()) {
            return;
        }
        BridgeEndpoint endpoint = found.get();
        // once the sandbox is gone the kernel destroys the veth with the namespace: no process to spawn
        if (endpoint.sandbox() != null && Files.exists(Path.of(endpoint.sandbox()))) {
            removeVeth(endpoint);
        }
        store.save(endpoint.withJoin(null, null, false));
    }

    /**
     * Creates the veth pair with its inner end directly in the sandbox, then addresses and routes inside, over
     * netlink: what two {@code ip -batch} processes did, without the 10 ms their start-up cost every container.
     */
    private void plumb(BridgeNetwork n, BridgeEndpoint e) {
        Path sandbox = Path.of(e.sandbox());
        try (RouteNetlink host = RouteNetlink.open()) {
            if (linkExists(e.veth())) {
                host.deleteLink(host.linkIndex(e.veth()));
            }
            byte[] mac = e.mac() == null ? null : HexFormat.ofDelimiter(":").parseHex(e.mac());
            host.addVethPair(e.veth(), host.linkIndex(n.bridge()), n.mtu(), e.ifname(), mac, sandbox);
            // hairpin lets a container reach its own published port through the host's address
            Files.writeString(Path.of("/sys/class/net", e.veth(), "brport", "hairpin_mode"), "1");
        } catch (IOException ex) {
            throw new WharfException("cannot create veth pair for endpoint " + e.id() + ": " + ex.getMessage(), ex);
        }
        try (RouteNetlink inside = RouteNetlink.openIn(sandbox)) {
            inside.setUp(inside.linkIndex("lo"));
            int index = inside.linkIndex(e.ifname());
            inside.addAddress(index, e.ipv4().address(), e.ipv4().prefix(), false);
            if (e.ipv6() != null) {
                inside.addAddress(index, e.ipv6().address(), e.ipv6().prefix(), true);
            }
            inside.setUp(index);
            if (e.gateway()) {
                inside.addDefaultRoute(n.gateway4().address(), index);
                if (n.gateway6() != null && e.ipv6() != null) {
                    inside.addDefaultRoute(n.gateway6().address(), index);
                }
            }
        } catch (LinuxException ex) {
            throw new WharfException("cannot configure " + e.ifname() + " in " + e.sandbox() + ": "
                    + ex.getMessage(), ex);
        }
    }

    /**
     * Once per driver instance: removes the bridges marked as this daemon's that no record names any more (left by
     * a run with another data root, or by a deletion the daemon did not live to finish). The default bridge is
     * adopted instead, whatever the records say.
     */
    private void sweepOnce() {
        if (swept) {
            return;
        }
        swept = true;
        Set<String> wanted = store.networks().stream().map(BridgeNetwork::bridge)
                .collect(Collectors.toCollection(java.util.HashSet::new));
        wanted.add(defaultBridgeName);
        for (String bridge : BridgeReconcile.strayBridges(Path.of("/sys/class/net"), mark, wanted)) {
            Commands.Result r = commands.run(List.of("ip", "link", "del", bridge), null);
            if (!r.ok() && linkExists(bridge)) {
                throw new WharfException("cannot remove stale bridge " + bridge + ": " + r.output().strip());
            }
        }
    }

    /** Removes the veths on the network's bridge that are this driver's by name but no endpoint's any more. */
    private void removeStrayVeths(BridgeNetwork n) {
        Set<String> known = store.endpoints().stream().map(BridgeEndpoint::veth).filter(v -> v != null)
                .collect(Collectors.toSet());
        for (String veth : BridgeReconcile.strayVeths(Path.of("/sys/class/net", n.bridge(), "brif"), known)) {
            Commands.Result r = commands.run(List.of("ip", "link", "del", veth), null);
            if (!r.ok() && linkExists(veth)) {
                throw new WharfException("cannot remove stale " + veth + ": " + r.output().strip());
            }
        }
    }

    private void removeVeth(BridgeEndpoint e) {
        if (e.veth() != null && linkExists(e.veth())) {
            Commands.Result r = commands.run(List.of("ip", "link", "del", e.veth()), null);
            if (!r.ok() && linkExists(e.veth())) {
                throw new WharfException("cannot remove " + e.veth() + ": " + r.output().strip());
            }
        }
    }

    // ---- published ports

    @Override
    public List<PortBinding> programExternalConnectivity(String networkId, String endpointId,
            List<PortBinding> requested) {
        BridgeNetwork network = network(networkId);
        synchronized (rulesLock) {
            BridgeEndpoint endpoint = endpoint(networkId, endpointId);
            if (network.internal() || requested == null || requested.isEmpty()) {
                return List.of();
            }
            if (!firewallTools.iptables()) {
                throw new WharfException(FirewallTools.noPublishing());
            }
            List<PortBinding> taken = store.endpoints().stream().filter(e -> !e.id().equals(endpointId))
                    .flatMap(e -> e.ports().stream()).toList();
            List<PortBinding> chosen = ports.allocate(requested, taken, network.hostIp());
            store.save(endpoint.withPorts(chosen));
            try {
                applyRules(store.networks());
            } catch (RuntimeException e) {
                store.save(endpoint.withPorts(List.of()));
                throw e;
            }
            return chosen;
        }
    }

    @Override
    public void revokeExternalConnectivity(String networkId, String endpointId) {
        synchronized (rulesLock) {
            Optional<BridgeEndpoint> endpoint = store.endpoint(endpointId);
            if (endpoint.isEmpty() || endpoint.get().ports().isEmpty()) {
                return;
            }
            store.save(endpoint.get().withPorts(List.of()));
            applyRules(store.networks());
        }
    }

    // ---- name resolution

    @Override
    public void register(String networkId, String endpointId, Collection<String> names) {
        BridgeEndpoint endpoint = endpoint(networkId, endpointId);
        List<String> clean = names.stream().filter(n -> n != null && !n.isEmpty())
                .map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
        store.save(endpoint.withNames(clean));
        refreshNames(networkId);
    }

    @Override
    public void configure(String networkId, String endpointId, List<String> dnsServers, Map<String, String> links) {
        BridgeEndpoint endpoint = endpoint(networkId, endpointId);
        Map<String, String> clean = new java.util.LinkedHashMap<>();
        (links == null ? Map.<String, String>of() : links).forEach((alias, target) -> {
            if (alias != null && !alias.isEmpty() && target != null && !target.isEmpty()) {
                clean.put(alias.toLowerCase(Locale.ROOT), target.toLowerCase(Locale.ROOT));
            }
        });
        store.save(endpoint.withResolution(dnsServers == null ? List.of() : dnsServers, clean));
        refreshNames(networkId);
    }

    @Override
    public void unregister(String networkId, String endpointId) {
        Optional<BridgeEndpoint> endpoint = store.endpoint(endpointId);
        if (endpoint.isPresent() && endpoint.get().network().equals(networkId)) {
            store.save(endpoint.get().withNames(List.of()));
            refreshNames(networkId);
        }
    }

    @Override
    public Optional<String> nameserver(String networkId) {
        DnsServer server = dnsServers.get(networkId);
        return server == null ? Optional.empty() : Optional.of(server.address().getAddress().getHostAddress());
    }

    private void startDns(BridgeNetwork network) {
        refreshNames(network.id());
        if (network.defaultBridge() || dnsServers.containsKey(network.id())) {
            return;
        }
        InetSocketAddress address = new InetSocketAddress(network.gateway4().address(), dnsPort);
        InetAddress gateway = network.gateway4().address();
        Function<InetAddress, List<InetSocketAddress>> forwardTo = client -> upstreams.forClient(client,
                nameTable.getOrDefault(network.id(), List.of()), gateway);
        try {
            DnsServer server = new DnsServer(address, (client, q) -> answer(network.id(), client, q), forwardTo,
                    dnsWorkers);
            DnsServer raced = dnsServers.putIfAbsent(network.id(), server);
            if (raced != null) {
                server.close();
            }
        } catch (IOException e) {
            // containers then use the host's resolvers; nameserver() reports the absence
        }
    }

    private void stopDns(String networkId) {
        DnsServer server = dnsServers.remove(networkId);
        if (server != null) {
            server.close();
        }
        nameTable.remove(networkId);
    }

    private void refreshNames(String networkId) {
        nameTable.put(networkId, List.copyOf(store.endpoints(networkId)));
    }

    /**
     * The answers for a question about this network's names, or null to forward it. The asking endpoint's links
     * come first: an alias resolves to its target only for the container that made the link.
     */
    List<byte[]> answer(String networkId, InetAddress client, DnsMessage.Question q) {
        List<BridgeEndpoint> endpoints = nameTable.getOrDefault(networkId, List.of()).stream()
                .filter(e -> !e.names().isEmpty()).toList();
        String name = nameTable.getOrDefault(networkId, List.of()).stream()
                .filter(e -> e.ipv4() != null && e.ipv4().address().equals(client)
                        || e.ipv6() != null && e.ipv6().address().equals(client))
                .map(e -> e.links().get(q.name())).filter(t -> t != null).findFirst().orElse(q.name());
        if (q.type() == DnsMessage.TYPE_PTR) {
            InetAddress ip = reverse(q.name());
            if (ip == null) {
                return null;
            }
            for (BridgeEndpoint e : endpoints) {
                if ((e.ipv4() != null && e.ipv4().address().equals(ip))
                        || (e.ipv6() != null && e.ipv6().address().equals(ip))) {
                    return List.of(DnsMessage.encodeName(e.names().get(0)));
                }
            }
            return null;
        }
        List<BridgeEndpoint> matches = endpoints.stream().filter(e -> e.names().contains(name)).toList();
        if (matches.isEmpty()) {
            return null;
        }
        List<byte[]> answers = new ArrayList<>();
        for (BridgeEndpoint e : matches) {
            if (q.type() == DnsMessage.TYPE_A && e.ipv4() != null) {
                answers.add(e.ipv4().address().getAddress());
            } else if (q.type() == DnsMessage.TYPE_AAAA && e.ipv6() != null) {
                answers.add(e.ipv6().address().getAddress());
            }
        }
        return answers;
    }

    private static InetAddress reverse(String name) {
        String suffix = ".in-addr.arpa";
        if (name.endsWith(suffix)) {
            String[] parts = name.substring(0, name.length() - suffix.length()).split("\\.");
            if (parts.length != 4) {
                return null;
            }
            try {
                return Cidr.literal(parts[3] + "." + parts[2] + "." + parts[1] + "." + parts[0], name);
            } catch (RuntimeException e) {
                return null;
            }
        }
        suffix = ".ip6.arpa";
        if (name.endsWith(suffix)) {
            String[] nibbles = name.substring(0, name.length() - suffix.length()).split("\\.");
            if (nibbles.length != 32) {
                return null;
            }
            StringBuilder hex = new StringBuilder();
            for (int i = nibbles.length - 1; i >= 0; i--) {
                hex.append(nibbles[i]);
                if (i % 4 == 0 && i > 0) {
                    hex.append(':');
                }
            }
            try {
                return Cidr.literal(hex.toString(), name);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return null;
    }

    // ---- helpers

    private BridgeNetwork network(String networkId) {
        return store.network(networkId)
                .orElseThrow(() -> new NotFoundException("network " + networkId + " not found"));
    }

    private BridgeEndpoint endpoint(String networkId, String endpointId) {
        return store.endpoint(endpointId).filter(e -> e.network().equals(networkId))
                .orElseThrow(() -> new NotFoundException("endpoint " + endpointId + " not found"));
    }

    private static EndpointInfo info(BridgeEndpoint e) {
        return new EndpointInfo(e.ipv4() == null ? null : e.ipv4().toString(),
                e.ipv6() == null ? null : e.ipv6().toString(), e.mac());
    }

    private static Cidr withPrefix(String address, Cidr gateway) {
        Cidr parsed = Cidr.parse(address);
        Cidr result = address.contains("/") ? parsed : gateway.withAddress(parsed.address());
        if (!gateway.contains(result.address())) {
            throw new InvalidArgumentException("address " + result.ip() + " is not in subnet " + gateway.network());
        }
        return result;
    }

    /** dockerd's rule: 02:42 followed by the four bytes of the IPv4 address. */
    static String macFor(Cidr ipv4) {
        byte[] b = ipv4.address().getAddress();
        return String.format("02:42:%02x:%02x:%02x:%02x", b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff);
    }

    /** Derived from the endpoint ID, so the name is found again after a restart without any lookup. */
    static String vethName(String endpointId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(endpointId.getBytes(StandardCharsets.UTF_8));
            return "veth" + HexFormat.of().formatHex(digest).substring(0, 11);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean linkExists(String name) {
        return name != null && Files.exists(Path.of("/sys/class/net", name));
    }

    /** Rewrites the IPv4 rules, and the IPv6 ones when a network has IPv6 or rules of an earlier one remain. */
    private void applyRules(List<BridgeNetwork> networks) {
        // without the tools there are no rules to apply; docker info warns, and -p is refused
        if (firewallTools.iptables()) {
            firewall.apply(networks, store.endpoints());
        }
        List<BridgeNetwork> v6 = networks.stream().filter(n -> n.gateway6() != null).toList();
        if (firewallTools.ip6tables() && (!v6.isEmpty() || !firewall6.idle())) {
            firewall6.apply(v6, List.of());
        }
    }

    private void ipBatch(List<String> lines, String what) {
        commands.check(List.of("ip", "-batch", "-"), String.join("\n", lines) + "\n", what);
    }

    private static void sysctl(String key, String value) {
        Path file = Path.of("/proc/sys", key);
        try {
            if (!Files.readString(file).strip().equals(value)) {
                Files.writeString(file, value);
            }
        } catch (IOException e) {
            throw new WharfException("cannot set " + key.replace('/', '.') + "=" + value + ": " + e.getMessage(), e);
        }
    }
}
