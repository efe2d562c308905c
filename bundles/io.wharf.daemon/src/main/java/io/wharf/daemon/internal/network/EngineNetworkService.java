package io.wharf.daemon.internal.network;

import io.wharf.api.common.Filters;
import io.wharf.api.common.PruneReport;
import io.wharf.api.container.EndpointSettings;
import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.ForbiddenException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.UnavailableException;
import io.wharf.api.errors.WharfException;
import io.wharf.api.events.Event;
import io.wharf.api.events.EventService;
import io.wharf.api.network.IpamConfig;
import io.wharf.api.network.IpamDriver;
import io.wharf.api.network.NameResolver;
import io.wharf.api.network.NetworkCreateRequest;
import io.wharf.api.network.NetworkDetails;
import io.wharf.api.network.NetworkDriver;
import io.wharf.api.network.NetworkDriver.EndpointInfo;
import io.wharf.api.network.NetworkDriver.IpamData;
import io.wharf.api.network.NetworkDriver.JoinInfo;
import io.wharf.api.network.NetworkDriver.NetworkSpec;
import io.wharf.api.network.NetworkDriver.PortBinding;
import io.wharf.api.network.NetworkService;
import io.wharf.api.plugin.DriverKind;
import io.wharf.api.plugin.DriverRegistry;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The engine's networks: records on disk, the predefined {@code bridge}, {@code host} and {@code none} networks,
 * user-defined networks with their IPAM pools, and the endpoints containers join. Drivers are found by name per
 * operation; a network whose driver is absent is still listed, and each network is handed to its driver's
 * {@link NetworkDriver#restore} once per driver instance before it is used.
 */
@Component(service = {NetworkService.class, NetworkEndpoints.class}, configurationPid = EngineNetworkService.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class EngineNetworkService implements NetworkService, NetworkEndpoints {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.daemon.networks";

    private static final System.Logger LOG = System.getLogger(EngineNetworkService.class.getName());
    static final String DEFAULT_BRIDGE_OPTION = "com.docker.network.bridge.default_bridge";
    private static final String GATEWAY_REQUEST = "RequestAddressType";
    private static final String GATEWAY_TYPE = "com.docker.network.gateway";

    private final DriverRegistry drivers;
    private final EventService events;
    private final NetworkStore store;
    private final SecureRandom random = new SecureRandom();
    /** Serialises changes to the set of networks (create, remove, the default network's creation). */
    private final Object lock = new Object();
    /** The driver instance each network was last restored to: a new instance (bundle update) restores again. */
    private final Map<String, NetworkDriver> restored = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "wharf-network-restore");
        t.setDaemon(true);
        return t;
    });

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile NameResolver resolver;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ContainerAttacher attacher;

    @Activate
    public EngineNetworkService(NetworkSettings settings, @Reference DriverRegistry drivers,
            @Reference EventService events) {
        this(Path.of(settings.data_root()).resolve("network").resolve("daemon"), drivers, events);
        background.submit(this::restoreAll);
    }

    EngineNetworkService(Path root, DriverRegistry drivers, EventService events) {
        this.drivers = drivers;
        this.events = events;
        this.store = new NetworkStore(root);
        predefined("host", "host");
        predefined("none", "null");
    }

    @Deactivate
    void deactivate() {
        background.shutdownNow();
    }

    void bind(NameResolver r) {
        this.resolver = r;
    }

    void bind(ContainerAttacher a) {
        this.attacher = a;
    }

    private void predefined(String name, String driver) {
        if (store.networks().stream().noneMatch(n -> n.name().equals(name))) {
            store.save(new NetworkRecord(newId(), name, driver, Instant.now().toString(), "local", false, false,
                    false, false, new IpamConfig("default", Map.of(), List.of()), Map.of(), Map.of(), List.of(),
                    false));
        }
    }

    /** At start: the default network exists, and every bridge network is back in its driver (DNS servers too). */
    private void restoreAll() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && drivers.current(NetworkDriver.class, DriverKind.NETWORK, "bridge")
                .isEmpty()) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
        try {
            defaultNetwork();
            for (NetworkRecord n : store.networks()) {
                if (n.driver().equals("bridge")) {
                    driver(n);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "restoring networks: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ the engine service

    @Override
    public String[] create(NetworkCreateRequest req) {
        String name = req.name();
        if (name == null || name.isEmpty()) {
            throw new InvalidArgumentException("network name cannot be empty");
        }
        String driverName = req.driver() == null || req.driver().isEmpty() ? "bridge" : req.driver();
        if (driverName.equals("host") || driverName.equals("null") || driverName.equals("none")) {
            throw new ForbiddenException("only one instance of \"" + driverName + "\" network is allowed");
        }
        synchronized (lock) {
            if (store.networks().stream().anyMatch(n -> n.name().equals(name))) {
                throw new ConflictException("network with name " + name + " already exists");
            }
            NetworkRecord n = createNetwork(name, driverName, req.internal(), req.attachable(), req.enableIpv6(),
                    req.ipam(), req.options(), req.labels(), false);
            return new String[] {n.id(), ""};
        }
    }

    private NetworkRecord createNetwork(String name, String driverName, boolean internal, boolean attachable,
            boolean ipv6, IpamConfig ipam, Map<String, String> options, Map<String, String> labels,
            boolean defaultBridge) {
        NetworkDriver driver = drivers.find(NetworkDriver.class, DriverKind.NETWORK, driverName)
                .orElseThrow(() -> new NotFoundException("plugin \"" + driverName + "\" not found"));
        String ipamName = ipam == null || ipam.driver() == null || ipam.driver().isEmpty() ? "default"
                : ipam.driver();
        IpamDriver ipamDriver = drivers.find(IpamDriver.class, DriverKind.IPAM, ipamName)
                .orElseThrow(() -> new NotFoundException("plugin \"" + ipamName + "\" not found"));
        Map<String, String> opts = new LinkedHashMap<>(options == null ? Map.of() : options);
        Map<String, String> poolOpts = new LinkedHashMap<>(ipam == null || ipam.options() == null ? Map.of()
                : ipam.options());
        if (defaultBridge) {
            opts.put(DEFAULT_BRIDGE_OPTION, "true");
            poolOpts.put(DEFAULT_BRIDGE_OPTION, "true");
        }
        List<IpamConfig.Pool> wanted = ipam == null || ipam.config() == null ? List.of() : ipam.config();
        for (IpamConfig.Pool p : wanted) {
            if ((p.subnet() == null || p.subnet().isEmpty()) && (p.ipRange() != null && !p.ipRange().isEmpty()
                    || p.gateway() != null && !p.gateway().isEmpty())) {
                throw new InvalidArgumentException("ipam config: a subnet is needed with an ip range or a gateway");
            }
        }
        List<IpamConfig.Pool> v4 = wanted.stream().filter(p -> !isV6(p.subnet())).toList();
        List<IpamConfig.Pool> v6 = wanted.stream().filter(p -> isV6(p.subnet())).toList();
        if (v4.isEmpty()) {
            v4 = List.of(new IpamConfig.Pool(null, null, null, Map.of()));
        }
        if (ipv6 && v6.isEmpty()) {
            v6 = List.of(new IpamConfig.Pool(null, null, null, Map.of()));
        }
        List<NetworkRecord.Pool> reserved = new ArrayList<>();
        List<String[]> addresses = new ArrayList<>();
        try {
            for (IpamConfig.Pool p : v4) {
                reserved.add(reserve(ipamDriver, p, poolOpts, false, addresses));
            }
            if (ipv6) {
                for (IpamConfig.Pool p : v6) {
                    reserved.add(reserve(ipamDriver, p, poolOpts, true, addresses));
                }
            }
            String id = newId();
            boolean userSubnet = wanted.stream().anyMatch(p -> p.subnet() != null && !p.subnet().isEmpty());
            List<IpamConfig.Pool> shown = new ArrayList<>();
            for (NetworkRecord.Pool r : reserved) {
                IpamConfig.Pool asked = wanted.stream().filter(w -> r.cidr().equals(w.subnet())).findFirst()
                        .orElse(null);
                shown.add(new IpamConfig.Pool(r.cidr(), asked == null ? null : asked.ipRange(), bare(r.gateway()),
                        asked == null || asked.auxAddresses() == null ? Map.of() : asked.auxAddresses()));
            }
            NetworkRecord n = new NetworkRecord(id, name, driverName, Instant.now().toString(), driver.scope(),
                    internal, attachable, false, ipv6, new IpamConfig(ipamName, ipam == null || ipam.options() == null
                            ? Map.of() : ipam.options(), shown), opts, labels == null ? Map.of() : labels, reserved,
                    userSubnet);
            driver.createNetwork(spec(n));
            store.save(n);
            restored.put(id, driver);
            events.publish(Event.now("network", "create", id, Map.of("name", name, "type", driverName)));
            return n;
        } catch (RuntimeException e) {
            release(ipamDriver, reserved, addresses);
            throw e;
        }
    }

    private static NetworkRecord.Pool reserve(IpamDriver ipam, IpamConfig.Pool p, Map<String, String> opts,
            boolean v6, List<String[]> addresses) {
        IpamDriver.Pool pool = ipam.requestPool("LocalDefault", empty(p.subnet()), empty(p.ipRange()), opts, v6);
        addresses.add(new String[] {pool.id(), null});
        String gw;
        try {
            gw = ipam.requestAddress(pool.id(), empty(p.gateway()), Map.of(GATEWAY_REQUEST, GATEWAY_TYPE));
        } catch (RuntimeException e) {
            if (p.gateway() != null && !p.gateway().isEmpty() && !(e instanceof ConflictException)) {
                throw new InvalidArgumentException("failed to allocate gateway (" + p.gateway() + "): "
                        + e.getMessage(), e);
            }
            throw e;
        }
        addresses.add(new String[] {pool.id(), gw});
        Map<String, String> aux = new LinkedHashMap<>();
        if (p.auxAddresses() != null) {
            for (Map.Entry<String, String> a : p.auxAddresses().entrySet()) {
                String got = ipam.requestAddress(pool.id(), a.getValue(), Map.of());
                addresses.add(new String[] {pool.id(), got});
                aux.put(a.getKey(), got);
            }
        }
        return new NetworkRecord.Pool(pool.id(), pool.cidr(), gw, aux, v6);
    }

    /** Gives back addresses (newest first) and then the pools they came from. */
    private static void release(IpamDriver ipam, List<NetworkRecord.Pool> ignored, List<String[]> addresses) {
        for (int i = addresses.size() - 1; i >= 0; i--) {
            String[] a = addresses.get(i);
            try {
                if (a[1] != null) {
                    ipam.releaseAddress(a[0], a[1]);
                } else {
                    ipam.releasePool(a[0]);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "releasing " + a[0] + " " + a[1] + ": " + e.getMessage());
            }
        }
    }

    @Override
    public NetworkDetails inspect(String id, boolean verbose) {
        NetworkRecord n = id.equals("bridge") ? defaultNetwork() : network(id);
        return details(n);
    }

    @Override
    public List<NetworkDetails> list(Filters filters) {
        Filters f = filters == null ? Filters.empty() : filters.validate(NetworkFilter.LIST_KEYS);
        try {
            defaultNetwork();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "no default network yet: " + e.getMessage());
        }
        return store.networks().stream().sorted(Comparator.comparing(NetworkRecord::name))
                .filter(n -> NetworkFilter.matches(f, n, !store.endpoints(n.id()).isEmpty()))
                .map(this::details).toList();
    }

    @Override
    public void remove(String id) {
        synchronized (lock) {
            NetworkRecord n = network(id);
            if (n.predefined()) {
                throw new ForbiddenException(n.name() + " is a pre-defined network and cannot be removed");
            }
            List<EndpointRecord> eps = store.endpoints(n.id());
            if (!eps.isEmpty()) {
                StringBuilder b = new StringBuilder();
                for (EndpointRecord e : eps) {
                    b.append(b.length() == 0 ? "" : ", ").append("name:\"").append(e.containerName())
                            .append("\" id:\"").append(e.containerId(), 0, 12).append('"');
                }
                throw new ForbiddenException("error while removing network: network " + n.name()
                        + " has active endpoints (" + b + ")");
            }
            removeNetwork(n);
        }
    }

    private void removeNetwork(NetworkRecord n) {
        NetworkDriver driver = driver(n);
        driver.deleteNetwork(n.id());
        String ipamName = n.ipam() == null || n.ipam().driver() == null ? "default" : n.ipam().driver();
        drivers.find(IpamDriver.class, DriverKind.IPAM, ipamName).ifPresent(ipam -> {
            List<String[]> addresses = new ArrayList<>();
            for (NetworkRecord.Pool p : n.pools()) {
                addresses.add(new String[] {p.poolId(), null});
                addresses.add(new String[] {p.poolId(), p.gateway()});
                p.auxAddresses().values().forEach(a -> addresses.add(new String[] {p.poolId(), a}));
            }
            release(ipam, n.pools(), addresses);
        });
        store.remove(n);
        restored.remove(n.id());
        events.publish(Event.now("network", "destroy", n.id(), Map.of("name", n.name(), "type", n.driver())));
    }

    @Override
    public PruneReport prune(Filters filters) {
        Filters f = filters == null ? Filters.empty() : filters.validate(NetworkFilter.PRUNE_KEYS);
        List<String> deleted = new ArrayList<>();
        synchronized (lock) {
            for (NetworkRecord n : store.networks()) {
                if (n.predefined() || !store.endpoints(n.id()).isEmpty() || !NetworkFilter.matchesPrune(f, n)) {
                    continue;
                }
                try {
                    removeNetwork(n);
                    deleted.add(n.name());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "pruning network " + n.name() + ": " + e.getMessage());
                }
            }
        }
        events.publish(Event.now("network", "prune", "", Map.of()));
        return new PruneReport(deleted, 0);
    }

    @Override
    public void connect(String id, String container, EndpointSettings settings) {
        NetworkRecord n = id.equals("bridge") ? defaultNetwork() : network(id);
        attacher().connect(container, n, settings);
    }

    @Override
    public void disconnect(String id, String container, boolean force) {
        NetworkRecord n = network(id);
        attacher().disconnect(container, n, force);
    }

    private ContainerAttacher attacher() {
        ContainerAttacher a = attacher;
        if (a == null) {
            throw new UnavailableException("the engine is not ready: its container service is not running");
        }
        return a;
    }

    // ------------------------------------------------------------------ endpoints, for the containers

    @Override
    public NetworkRecord network(String ref) {
        if (ref == null || ref.isEmpty()) {
            throw new NotFoundException("network  not found");
        }
        if (ref.equals("bridge") || ref.equals("default")) {
            return defaultNetwork();
        }
        NetworkRecord byId = store.network(ref);
        if (byId != null) {
            return byId;
        }
        List<NetworkRecord> all = new ArrayList<>(store.networks());
        for (NetworkRecord n : all) {
            if (n.name().equals(ref)) {
                return n;
            }
        }
        List<NetworkRecord> prefixed = all.stream().filter(n -> n.id().startsWith(ref)).toList();
        if (prefixed.size() == 1) {
            return prefixed.get(0);
        }
        if (prefixed.size() > 1) {
            throw new InvalidArgumentException("network " + ref + " is ambiguous (" + prefixed.size()
                    + " matches found based on ID prefix)");
        }
        throw new NotFoundException("network " + ref + " not found");
    }

    @Override
    public Joined join(JoinRequest r) {
        NetworkRecord n = network(r.network());
        NetworkDriver driver = driver(n);
        IpamDriver ipam = ipam(n);
        if (r.ipv4() != null && !r.ipv4().isEmpty() || r.ipv6() != null && !r.ipv6().isEmpty()) {
            if (n.defaultBridge()) {
                throw new InvalidArgumentException("user specified IP address is supported on user defined "
                        + "networks only");
            }
            if (!n.userSubnet()) {
                throw new InvalidArgumentException("user specified IP address is supported only when connecting "
                        + "to networks with user configured subnets");
            }
        }
        NetworkRecord.Pool p4 = n.pool4();
        NetworkRecord.Pool p6 = n.enableIpv6() ? n.pool6() : null;
        String addr = p4 == null ? null : ipam.requestAddress(p4.poolId(), empty(r.ipv4()), Map.of());
        String addr6 = null;
        String epId = newId();
        boolean recorded = false;
        try {
            addr6 = p6 == null ? null : ipam.requestAddress(p6.poolId(), empty(r.ipv6()), Map.of());
            EndpointInfo info = driver.createEndpoint(n.id(), epId, new EndpointInfo(addr, addr6, null), Map.of());
            String mac = info == null ? null : info.macAddress();
            EndpointRecord e = new EndpointRecord(epId, n.id(), r.containerId(), r.containerName(), mac, addr, addr6,
                    List.of());
            store.save(e);
            recorded = true;
            JoinInfo j = driver.join(n.id(), epId, r.sandbox(), Map.of());
            List<PortBinding> ports = List.of();
            if (r.ports() != null && !r.ports().isEmpty()) {
                try {
                    ports = driver.programExternalConnectivity(n.id(), epId, r.ports());
                } catch (WharfException ex) {
                    if (ex.getClass() != WharfException.class) {
                        throw ex;
                    }
                    throw new WharfException("driver failed programming external connectivity on endpoint "
                            + r.containerName() + " (" + epId + "): " + ex.getMessage(), ex);
                }
                store.save(new EndpointRecord(epId, n.id(), r.containerId(), r.containerName(), mac, addr, addr6,
                        ports));
            }
            String nameserver = "";
            List<String> names = List.of();
            NameResolver res = resolver;
            if (!n.defaultBridge() && n.driver().equals("bridge") && res != null) {
                names = r.names() == null ? List.of() : r.names();
                res.register(n.id(), epId, names);
                if (r.dns() != null && !r.dns().isEmpty() || r.links() != null && !r.links().isEmpty()) {
                    res.configure(n.id(), epId, r.dns() == null ? List.of() : r.dns(),
                            r.links() == null ? Map.of() : r.links());
                }
                nameserver = res.nameserver(n.id()).orElse("");
            }
            return new Joined(n.id(), n.name(), epId, addr, addr6, mac == null ? "" : mac,
                    j == null || j.gateway() == null ? "" : j.gateway(),
                    j == null || j.gatewayIpv6() == null ? "" : j.gatewayIpv6(), nameserver, names, ports);
        } catch (RuntimeException e) {
            if (recorded) {
                leave(n.id(), epId);
            } else {
                releaseQuietly(ipam, p4, addr);
                releaseQuietly(ipam, p6, addr6);
                try {
                    driver.deleteEndpoint(n.id(), epId);
                } catch (RuntimeException ignored) {
                    // never created
                }
            }
            throw e;
        }
    }

    @Override
    public void leave(String networkId, String endpointId) {
        EndpointRecord e = store.endpoint(endpointId);
        if (e == null) {
            return;
        }
        NetworkRecord n = store.network(networkId);
        if (n != null) {
            // a driver whose bundle is being swapped is waited for; one still away after the wait is skipped,
            // as an absent one always was, and the records are released all the same
            NetworkDriver driver;
            try {
                driver = driverOrNull(n);
            } catch (UnavailableException away) {
                driver = null;
            }
            if (driver != null) {
                NetworkDriver d = driver;
                quietly(() -> d.revokeExternalConnectivity(networkId, endpointId), "revoke ports");
                quietly(() -> d.leave(networkId, endpointId), "leave");
                quietly(() -> d.deleteEndpoint(networkId, endpointId), "delete endpoint");
            }
            IpamDriver ipam = drivers.current(IpamDriver.class, DriverKind.IPAM, ipamName(n)).orElse(null);
            if (ipam != null) {
                releaseQuietly(ipam, n.pool4(), e.ipv4());
                releaseQuietly(ipam, n.pool6(), e.ipv6());
            }
        }
        store.remove(e);
    }

    @Override
    public String defaultGateway() {
        return store.networks().stream().filter(NetworkRecord::defaultBridge).findFirst()
                .map(NetworkRecord::pool4).map(p -> bare(p.gateway())).orElse("");
    }

    // ------------------------------------------------------------------ helpers

    /** The default bridge network, created at first need. */
    NetworkRecord defaultNetwork() {
        NetworkRecord n = findDefault();
        if (n != null) {
            return n;
        }
        synchronized (lock) {
            n = findDefault();
            if (n != null) {
                return n;
            }
            Map<String, String> opts = new LinkedHashMap<>();
            opts.put("com.docker.network.bridge.enable_icc", "true");
            opts.put("com.docker.network.bridge.enable_ip_masquerade", "true");
            opts.put("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0");
            opts.put("com.docker.network.driver.mtu", "1500");
            return createNetwork("bridge", "bridge", false, false, false, null, opts, Map.of(), true);
        }
    }

    private NetworkRecord findDefault() {
        return store.networks().stream().filter(NetworkRecord::defaultBridge).findFirst().orElse(null);
    }

    private NetworkDriver driver(NetworkRecord n) {
        NetworkDriver d = driverOrNull(n);
        if (d == null) {
            throw new UnavailableException("network " + n.name() + ": its driver " + n.driver()
                    + " is not registered");
        }
        return d;
    }

    private NetworkDriver driverOrNull(NetworkRecord n) {
        String name = n.driver().equals("null") ? "none" : n.driver();
        NetworkDriver d = drivers.find(NetworkDriver.class, DriverKind.NETWORK, name).orElse(null);
        if (d != null && restored.get(n.id()) != d) {
            synchronized (lock) {
                if (restored.get(n.id()) != d) {
                    d.restore(spec(n));
                    restored.put(n.id(), d);
                }
            }
        }
        return d;
    }

    private IpamDriver ipam(NetworkRecord n) {
        String name = ipamName(n);
        return drivers.find(IpamDriver.class, DriverKind.IPAM, name)
                .orElseThrow(() -> new UnavailableException("IPAM driver " + name + " is not registered"));
    }

    private static String ipamName(NetworkRecord n) {
        return n.ipam() == null || n.ipam().driver() == null || n.ipam().driver().isEmpty() ? "default"
                : n.ipam().driver();
    }

    static NetworkSpec spec(NetworkRecord n) {
        List<IpamData> v4 = new ArrayList<>();
        List<IpamData> v6 = new ArrayList<>();
        for (NetworkRecord.Pool p : n.pools()) {
            (p.v6() ? v6 : v4).add(new IpamData(p.cidr(), p.gateway(), p.auxAddresses()));
        }
        return new NetworkSpec(n.id(), n.name(), n.options(), n.internal(), n.enableIpv6(), v4, v6, n.labels());
    }

    private NetworkDetails details(NetworkRecord n) {
        Map<String, NetworkDetails.Endpoint> containers = new LinkedHashMap<>();
        for (EndpointRecord e : store.endpoints(n.id())) {
            containers.put(e.containerId(), new NetworkDetails.Endpoint(e.containerName(), e.id(),
                    e.macAddress() == null ? "" : e.macAddress(), e.ipv4() == null ? "" : e.ipv4(),
                    e.ipv6() == null ? "" : e.ipv6()));
        }
        Map<String, String> options = new LinkedHashMap<>(n.options());
        if (n.defaultBridge()) {
            options.remove(DEFAULT_BRIDGE_OPTION);
            options.put(DEFAULT_BRIDGE_OPTION, "true");
        }
        return new NetworkDetails(n.name(), n.id(), n.created(), n.scope(), n.driver(), n.enableIpv6(), n.ipam(),
                n.internal(), n.attachable(), n.ingress(), containers, options, n.labels());
    }

    private static void releaseQuietly(IpamDriver ipam, NetworkRecord.Pool pool, String address) {
        if (pool != null && address != null) {
            quietly(() -> ipam.releaseAddress(pool.poolId(), address), "release " + address);
        }
    }

    private static void quietly(Runnable r, String what) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, what + ": " + e.getMessage());
        }
    }

    private String newId() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static boolean isV6(String subnet) {
        return subnet != null && subnet.contains(":");
    }

    private static String empty(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    static String bare(String cidr) {
        if (cidr == null) {
            return "";
        }
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }
}
