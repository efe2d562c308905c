package io.wharf.network.bridge.internal;

import io.wharf.api.errors.ConflictException;
import io.wharf.api.errors.ForbiddenException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.errors.NotFoundException;
import io.wharf.api.errors.UnavailableException;
import io.wharf.api.network.AddressPool;
import io.wharf.api.network.IpamDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The {@code default} IPAM driver. Each pool is one record under {@code <data-root>/network/ipam/}, rewritten
 * atomically on every allocation, so a restart never hands out an address twice.
 *
 * <p>Automatically chosen pools come from {@code default-address-pools} and avoid every reserved pool and every
 * subnet the host routes. A pool requested with {@link #DEFAULT_BRIDGE_OPTION} {@code =true} and no subnet is the
 * default bridge's: {@code bip} when configured; else, as dockerd does, the address the default bridge already
 * carries (a bridge left by an earlier run, even with another data root), else 172.17.0.1/16 when free on the
 * host, else the next free default pool; its gateway request then gets that address. The default bridge's own
 * route is never counted as a conflict, and a default pool recorded by an earlier, interrupted creation of the
 * default network is given back first: there is only one default bridge.
 */
@Component(service = IpamDriver.class, property = IpamDriver.NAME + "=default", configurationPid = DefaultIpam.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class DefaultIpam implements IpamDriver {
    /** This component's configuration; the launcher fills it from daemon.json and the command line. */
    public static final String PID = "io.wharf.network.bridge.ipam";

    /** Option of {@link #requestPool} marking the default bridge network's pool (dockerd's network option). */
    public static final String DEFAULT_BRIDGE_OPTION = "com.docker.network.bridge.default_bridge";
    /** libnetwork's option of {@link #requestAddress} marking the gateway's request. */
    static final String REQUEST_ADDRESS_TYPE = "RequestAddressType";
    static final String GATEWAY_REQUEST = "com.docker.network.gateway";
    static final String DEFAULT_BIP = "172.17.0.1/16";

    @ObjectClassDefinition(name = "Wharf default IPAM driver")
    @interface Config {
        String data_root() default "/var/lib/wharf";

        /** Empty when not configured: the default bridge's own address, or 172.17.0.1/16, is used then. */
        String bip() default "";

        /** dockerd's {@code -b/--bridge}: the default network's bridge; empty means {@code wharf0}. */
        String bridge() default "";

        String default_address_pools() default "";
    }

    private final Path dir;
    /** The configured bip, or null. */
    private final Cidr bip;
    private final AddressPools defaults;
    private final HostRoutes hostRoutes;
    private final String defaultBridge;
    private final Function<String, List<Cidr>> addressesOf;

    @Activate
    public DefaultIpam(Config config) {
        this(Path.of(config.data_root(), "network", "ipam"), config.bip(),
                AddressPools.parse(config.default_address_pools()), new HostRoutes(Path.of("/proc/net")),
                BridgeDriver.defaultBridge(config.bridge()), new LinkAddresses(new Commands())::of);
    }

    DefaultIpam(Path dir, String bip, AddressPools defaults, HostRoutes hostRoutes) {
        this(dir, bip, defaults, hostRoutes, "wharf0", link -> List.of());
    }

    /**
     * @param bip the configured bip, or null or blank
     * @param addressesOf the global addresses a link carries now
     */
    DefaultIpam(Path dir, String bip, AddressPools defaults, HostRoutes hostRoutes, String defaultBridge,
            Function<String, List<Cidr>> addressesOf) {
        this.dir = dir;
        this.bip = bip == null || bip.isBlank() ? null : Cidr.parse(bip.strip());
        this.defaults = defaults;
        this.hostRoutes = hostRoutes;
        this.defaultBridge = defaultBridge;
        this.addressesOf = addressesOf;
    }

    /** bip and the default pools are read at start, as dockerd does; other settings do not concern IPAM. */
    @Modified
    void modified() {
    }

    @Override
    public synchronized Pool requestPool(String addressSpace, String pool, String subPool,
            Map<String, String> options, boolean v6) {
        String space = addressSpace == null || addressSpace.isEmpty() ? "LocalDefault" : addressSpace;
        Map<String, String> opts = options == null ? Map.of() : options;
        List<PoolRecord> existing = all();
        Cidr chosen;
        String gateway = null;
        Cidr range = null;
        boolean defaultPool = false;
        if (pool != null && !pool.isEmpty()) {
            chosen = Cidr.parse(pool).network();
            for (PoolRecord other : existing) {
                if (other.cidr().overlaps(chosen)) {
                    throw new ForbiddenException("Pool overlaps with other one on this address space");
                }
            }
            if (subPool != null && !subPool.isEmpty()) {
                range = Cidr.parse(subPool).network();
                if (!chosen.contains(range)) {
                    throw new InvalidArgumentException("invalid pool request: sub-pool " + subPool
                            + " is not within " + chosen);
                }
            }
        } else if (v6) {
            throw new InvalidArgumentException("could not find an available, non-overlapping IPv6 address pool "
                    + "among the defaults to assign to the network: give a subnet");
        } else {
            boolean forDefaultBridge = "true".equals(opts.get(DEFAULT_BRIDGE_OPTION));
            if (forDefaultBridge) {
                existing = releaseEarlierDefault(existing);
            }
            List<Cidr> taken = new ArrayList<>(existing.stream().map(PoolRecord::cidr).toList());
            taken.addAll(hostRoutes.inUse(Set.of(defaultBridge)));
            chosen = null;
            if (forDefaultBridge) {
                Cidr preferred = preferredDefault();
                if (free(preferred.network(), taken)) {
                    chosen = preferred.network();
                    gateway = preferred.ip();
                }
            }
            if (chosen == null) {
                chosen = nextDefault(taken);
            }
            defaultPool = forDefaultBridge;
        }
        String id = space + "/" + chosen + (range == null ? "" : "/" + range);
        PoolRecord record = new PoolRecord(id, chosen, range, gateway, new LinkedHashSet<>(), defaultPool);
        save(record, true);
        return new Pool(id, chosen.toString());
    }

    @Override
    public synchronized void releasePool(String poolId) {
        StateFile.delete(file(poolId));
    }

    @Override
    public synchronized String requestAddress(String poolId, String address, Map<String, String> options) {
        PoolRecord pool = load(poolId);
        boolean gatewayRequest = options != null && GATEWAY_REQUEST.equals(options.get(REQUEST_ADDRESS_TYPE));
        InetAddress chosen;
        if (address != null && !address.isEmpty()) {
            String bare = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
            chosen = Cidr.literal(bare, address);
            if (!pool.cidr().contains(chosen)) {
                throw new InvalidArgumentException("Address " + bare + " does not belong to subnet " + pool.cidr());
            }
            if (pool.allocated().contains(new Cidr(chosen, chosen.getAddress().length * 8).ip())) {
                throw new ConflictException("Address already in use");
            }
        } else if (gatewayRequest && pool.gateway() != null
                && !pool.allocated().contains(pool.gateway())) {
            chosen = Cidr.literal(pool.gateway(), pool.gateway());
        } else {
            chosen = firstFree(pool, gatewayRequest || pool.range() == null ? pool.cidr() : pool.range());
        }
        String ip = new Cidr(chosen, chosen.getAddress().length * 8).ip();
        pool.allocated().add(ip);
        save(pool, false);
        return ip + "/" + pool.cidr().prefix();
    }

    @Override
    public List<AddressPool> defaultPools() {
        return defaults.bases().stream().map(b -> new AddressPool(b.base().toString(), b.size())).toList();
    }

    @Override
    public synchronized void releaseAddress(String poolId, String address) {
        PoolRecord pool;
        try {
            pool = load(poolId);
        } catch (NotFoundException e) {
            return;
        }
        String bare = address.contains("/") ? address.substring(0, address.indexOf('/')) : address;
        String ip = Cidr.parse(bare).ip();
        if (pool.allocated().remove(ip)) {
            save(pool, false);
        }
    }

    private static InetAddress firstFree(PoolRecord pool, Cidr within) {
        Cidr subnet = pool.cidr();
        BigInteger size = within.size();
        boolean v4 = !subnet.v6();
        // network and broadcast addresses of the pool are never handed out (a /31 or /32 has neither)
        BigInteger limit = size.min(BigInteger.valueOf(1L << 24));
        for (BigInteger i = BigInteger.ZERO; i.compareTo(limit) < 0; i = i.add(BigInteger.ONE)) {
            Cidr candidate = within.at(i);
            BigInteger offset = subnet.offsetOf(candidate.address());
            if (subnet.prefix() < subnet.bits() - 1
                    && (offset.signum() == 0 || (v4 && offset.equals(subnet.size().subtract(BigInteger.ONE))))) {
                continue;
            }
            if (i.signum() == 0 && within.prefix() < within.bits() - 1) {
                continue; // nor the first address of an --ip-range, which reads as a network address
            }
            if (!pool.allocated().contains(candidate.ip())) {
                return candidate.address();
            }
        }
        throw new UnavailableException("no available addresses on this pool");
    }

    /** bip when configured, else the default bridge's current IPv4 address, else 172.17.0.1/16. */
    Cidr preferredDefault() {
        if (bip != null) {
            return bip;
        }
        return addressesOf.apply(defaultBridge).stream().filter(a -> !a.v6()).findFirst()
                .orElse(Cidr.parse(DEFAULT_BIP));
    }

    /** The daemon asks for a default pool only when it has no default network: an earlier one is a leftover. */
    private List<PoolRecord> releaseEarlierDefault(List<PoolRecord> existing) {
        List<PoolRecord> rest = new ArrayList<>();
        for (PoolRecord p : existing) {
            if (p.defaultBridge()) {
                StateFile.delete(file(p.id()));
            } else {
                rest.add(p);
            }
        }
        return rest;
    }

    private Cidr nextDefault(List<Cidr> taken) {
        for (AddressPools.Base base : defaults.bases()) {
            BigInteger count = BigInteger.ONE.shiftLeft(base.size() - base.base().prefix());
            for (BigInteger i = BigInteger.ZERO; i.compareTo(count) < 0; i = i.add(BigInteger.ONE)) {
                Cidr candidate = base.base().subnet(base.size(), i);
                if (free(candidate, taken)) {
                    return candidate;
                }
            }
        }
        throw new ForbiddenException("could not find an available, non-overlapping IPv4 address pool among the "
                + "defaults to assign to the network");
    }

    private static boolean free(Cidr candidate, List<Cidr> taken) {
        return taken.stream().noneMatch(candidate::overlaps);
    }

    record PoolRecord(String id, Cidr cidr, Cidr range, String gateway, Set<String> allocated,
            boolean defaultBridge) {
    }

    private List<PoolRecord> all() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<PoolRecord> pools = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".pool")).toList()) {
                StateFile.read(f).map(DefaultIpam::fromMap).ifPresent(pools::add);
            }
            return pools;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PoolRecord load(String poolId) {
        return StateFile.read(file(poolId)).map(DefaultIpam::fromMap)
                .orElseThrow(() -> new NotFoundException("pool " + poolId + " not found"));
    }

    /** A pool is kept across a power cut; its allocations need not be (no container runs after one). */
    private void save(PoolRecord pool, boolean durable) {
        Map<String, String> m = new HashMap<>();
        m.put("id", pool.id());
        m.put("cidr", pool.cidr().toString());
        m.put("range", pool.range() == null ? null : pool.range().toString());
        m.put("gateway", pool.gateway());
        m.put("allocated", String.join(" ", pool.allocated()));
        m.put("default", pool.defaultBridge() ? "true" : null);
        StateFile.write(file(pool.id()), m, durable);
    }

    private static PoolRecord fromMap(Map<String, String> m) {
        Set<String> allocated = new LinkedHashSet<>();
        for (String a : m.getOrDefault("allocated", "").split(" ")) {
            if (!a.isEmpty()) {
                allocated.add(a);
            }
        }
        String range = m.get("range");
        return new PoolRecord(m.get("id"), Cidr.parse(m.get("cidr")), range == null ? null : Cidr.parse(range),
                m.get("gateway"), allocated, "true".equals(m.get("default")));
    }

    private Path file(String poolId) {
        if (poolId == null || poolId.isEmpty()) {
            throw new NotFoundException("pool not found");
        }
        return dir.resolve(poolId.replace('/', '_') + ".pool");
    }
}
