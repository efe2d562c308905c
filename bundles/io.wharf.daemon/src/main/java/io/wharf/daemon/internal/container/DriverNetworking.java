package io.wharf.daemon.internal.container;

import io.wharf.api.container.EndpointSettings;
import io.wharf.api.container.HostConfig;
import io.wharf.api.container.PortMapping;
import io.wharf.api.errors.ForbiddenException;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.network.NetworkDriver.PortBinding;
import io.wharf.api.network.NetworkNamespaces;
import io.wharf.daemon.internal.container.NetworkAttachments.Attachment;
import io.wharf.daemon.internal.network.JoinRequest;
import io.wharf.daemon.internal.network.Joined;
import io.wharf.daemon.internal.network.NetworkEndpoints;
import io.wharf.daemon.internal.network.NetworkRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Networking through the network service and its drivers: the container gets a namespace of its own
 * ({@link NetworkNamespaces}) which joins each of its networks before the runtime creates the container, so that
 * the command starts with its addresses, routes, published ports and {@code /etc/hosts} in place. A failed join
 * undoes every earlier one: the container never starts half-configured. {@code host}, {@code none} and
 * {@code container:<id>} work as in {@link IsolatedNetworking}, which also serves while the network service or
 * the namespaces service is absent.
 */
final class DriverNetworking implements ContainerNetworking {
    private final Function<String, Container> lookup;
    private final Supplier<NetworkEndpoints> networks;
    private final Supplier<NetworkNamespaces> namespaces;
    private final IsolatedNetworking isolated;
    private final Supplier<List<Container>> all;

    DriverNetworking(Function<String, Container> lookup, Supplier<NetworkEndpoints> networks,
            Supplier<NetworkNamespaces> namespaces) {
        this(lookup, networks, namespaces, List::of);
    }

    /** @param all every container, for the running ones that link to a container that starts */
    DriverNetworking(Function<String, Container> lookup, Supplier<NetworkEndpoints> networks,
            Supplier<NetworkNamespaces> namespaces, Supplier<List<Container>> all) {
        this.all = all;
        this.lookup = lookup;
        this.networks = networks;
        this.namespaces = namespaces;
        this.isolated = new IsolatedNetworking(lookup);
    }

    private static boolean wired(String mode) {
        return !mode.equals("host") && !mode.equals("none") && !mode.startsWith("container:");
    }

    @Override
    public void created(Container c, Map<String, EndpointSettings> requested) {
        String mode = IsolatedNetworking.mode(c);
        NetworkEndpoints ne = networks.get();
        if (!wired(mode) || ne == null) {
            return;
        }
        Map<String, EndpointSettings> asked = requested == null ? Map.of() : requested;
        LinkedHashMap<String, Attachment> list = new LinkedHashMap<>();
        // as dockerd: an unknown network is the start's error, not the creation's (a 404 here makes the CLI pull)
        NetworkRecord first = known(ne, mode);
        list.put(first == null ? mode : first.name(), new Attachment(first == null ? mode : first.id(),
                first == null ? asked.get(mode) : settingsFor(asked, mode, first), null));
        for (Map.Entry<String, EndpointSettings> e : asked.entrySet()) {
            NetworkRecord n = known(ne, e.getKey());
            String key = n == null ? e.getKey() : n.name();
            if (!list.containsKey(key) && (first == null || n == null || !n.id().equals(first.id()))) {
                list.put(key, new Attachment(n == null ? e.getKey() : n.id(), e.getValue(), null));
            }
        }
        NetworkAttachments.write(c, list);
    }

    private static NetworkRecord known(NetworkEndpoints ne, String ref) {
        try {
            return ne.network(ref);
        } catch (io.wharf.api.errors.NotFoundException e) {
            return null;
        }
    }

    private static EndpointSettings settingsFor(Map<String, EndpointSettings> asked, String mode, NetworkRecord n) {
        EndpointSettings s = asked.get(mode);
        if (s == null) {
            s = asked.get(n.name());
        }
        return s == null ? asked.get(n.id()) : s;
    }

    @Override
    public SpecFactory.NetworkPlan prepare(Container c) {
        String mode = IsolatedNetworking.mode(c);
        NetworkEndpoints ne = networks.get();
        NetworkNamespaces ns = namespaces.get();
        if (mode.startsWith("container:")) {
            Container other = lookup.apply(mode.substring("container:".length()));
            SpecFactory.NetworkPlan plan = isolated.prepare(c);
            // a namespace file outlives the other container's process changes; its /proc path does not
            if (ns != null && !NetworkAttachments.read(other).isEmpty()) {
                return new SpecFactory.NetworkPlan(false, ns.path(other.id).toString(), null, null, null,
                        plan.filesFrom());
            }
            return plan;
        }
        if (!wired(mode) || ne == null || ns == null) {
            return isolated.prepare(c);
        }
        LinkedHashMap<String, Attachment> list = NetworkAttachments.read(c);
        if (list.isEmpty()) {
            created(c, Map.of());
            list = NetworkAttachments.read(c);
        }
        disconnect(c); // whatever an earlier run left (a daemon that died with it)
        list = NetworkAttachments.read(c);
        List<LegacyLinks.Linked> links = mode.equals("bridge") ? LegacyLinks.resolve(c, lookup) : List.of();
        Path sandbox = ns.create(c.id);
        String address = null;
        String nameserver = null;
        boolean first = true;
        try {
            for (Map.Entry<String, Attachment> e : list.entrySet()) {
                Joined j = join(ne, c, e.getKey(), e.getValue(), sandbox, first ? bindings(c) : List.of());
                e.setValue(e.getValue().withJoined(j));
                NetworkAttachments.write(c, list);
                if (address == null && j.ipv4() != null) {
                    address = bare(j.ipv4());
                }
                if (nameserver == null && !j.nameserver().isEmpty()) {
                    nameserver = j.nameserver();
                }
                first = false;
            }
        } catch (RuntimeException ex) {
            disconnect(c);
            throw ex;
        }
        String gateway = ne.defaultGateway();
        if (address != null && mode.equals("bridge")) {
            LegacyLinks.updateParents(c, address, all.get());
        }
        return new SpecFactory.NetworkPlan(false, sandbox.toString(), address, nameserver,
                gateway.isEmpty() ? null : gateway, null, links);
    }

    private Joined join(NetworkEndpoints ne, Container c, String network, Attachment a, Path sandbox,
            List<PortBinding> ports) {
        EndpointSettings s = a.requested();
        List<String> names = new ArrayList<>();
        names.add(c.bareName());
        if (s != null && s.aliases() != null) {
            s.aliases().stream().filter(x -> !names.contains(x)).forEach(names::add);
        }
        names.add(c.shortId());
        String ip = s == null ? null : s.ipv4Address();
        String ip6 = s == null ? null : s.ipv6Address();
        // on a user-defined network a link is an alias that only this container resolves
        Map<String, String> links = new LinkedHashMap<>();
        List<String> asked = s == null ? null : s.links();
        String mode = IsolatedNetworking.mode(c);
        if ((asked == null || asked.isEmpty()) && LegacyLinks.userDefined(mode)
                && (network.equals(mode) || a.networkId().startsWith(mode))) {
            asked = c.hostConfig.links(); // clients that send --link only in the host config
        }
        for (LinkSpec l : LinkSpec.parseAll(asked)) {
            links.put(l.alias(), l.name());
        }
        return ne.join(new JoinRequest(a.networkId(), c.id, c.bareName(), sandbox.toString(), ip, ip6, names,
                ports, SpecFactory.list(c.hostConfig.dns()), links));
    }

    @Override
    public void connect(Container c, int pid) {
        // joined in prepare: the namespace is the daemon's, so it exists before the runtime's container
    }

    @Override
    public void disconnect(Container c) {
        if (!wired(IsolatedNetworking.mode(c))) {
            return;
        }
        LinkedHashMap<String, Attachment> list = NetworkAttachments.read(c);
        boolean joined = list.values().stream().anyMatch(a -> a.joined() != null);
        NetworkNamespaces ns = namespaces.get();
        if (ns != null) {
            // gone first: the kernel then removes the veths with it, and leaving costs no process
            ns.remove(c.id);
        }
        if (!joined) {
            return;
        }
        NetworkEndpoints ne = networks.get();
        for (Map.Entry<String, Attachment> e : list.entrySet()) {
            Joined j = e.getValue().joined();
            if (j != null && ne != null) {
                ne.leave(j.networkId(), j.endpointId());
            }
            e.setValue(e.getValue().withJoined(null));
        }
        NetworkAttachments.write(c, list);
    }

    /** {@code docker network connect}: recorded, and joined at once when the container runs. */
    void attach(Container c, NetworkRecord n, EndpointSettings settings) {
        String mode = IsolatedNetworking.mode(c);
        if (mode.equals("host") || n.name().equals("host")) {
            throw new InvalidArgumentException("container cannot be disconnected from host network or connected "
                    + "to host network");
        }
        if (!wired(mode) || n.name().equals("none")) {
            throw new InvalidArgumentException("container cannot be connected to multiple networks with one of the "
                    + "networks in private (none) mode");
        }
        NetworkEndpoints ne = networks.get();
        LinkedHashMap<String, Attachment> list = NetworkAttachments.read(c);
        if (list.values().stream().anyMatch(a -> a.networkId().equals(n.id()))) {
            throw new ForbiddenException("endpoint with name " + c.bareName() + " already exists in network "
                    + n.name());
        }
        Attachment a = new Attachment(n.id(), settings, null);
        NetworkNamespaces ns = namespaces.get();
        if (c.isRunning() && ne != null && ns != null) {
            a = a.withJoined(join(ne, c, n.name(), a, ns.path(c.id), List.of()));
        }
        list.put(n.name(), a);
        NetworkAttachments.write(c, list);
    }

    /** {@code docker network disconnect}. */
    void detach(Container c, NetworkRecord n) {
        LinkedHashMap<String, Attachment> list = NetworkAttachments.read(c);
        String key = list.entrySet().stream().filter(e -> e.getValue().networkId().equals(n.id()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (key == null) {
            throw new ForbiddenException("container " + c.id + " is not connected to network " + n.name());
        }
        Joined j = list.get(key).joined();
        NetworkEndpoints ne = networks.get();
        if (j != null && ne != null) {
            ne.leave(j.networkId(), j.endpointId());
        }
        list.remove(key);
        NetworkAttachments.write(c, list);
    }

    @Override
    public Map<String, EndpointSettings> endpoints(Container c) {
        String mode = IsolatedNetworking.mode(c);
        if (!wired(mode) || networks.get() == null) {
            return isolated.endpoints(c);
        }
        Map<String, EndpointSettings> out = new LinkedHashMap<>();
        NetworkAttachments.read(c).forEach((name, a) -> out.put(name, settings(a)));
        return out;
    }

    private static EndpointSettings settings(Attachment a) {
        EndpointSettings r = a.requested();
        List<String> aliases = r == null || r.aliases() == null ? List.of() : r.aliases();
        List<String> links = r == null || r.links() == null ? List.of() : r.links();
        Map<String, String> opts = r == null || r.driverOpts() == null ? Map.of() : r.driverOpts();
        String ip = r == null ? null : r.ipv4Address();
        String ip6 = r == null ? null : r.ipv6Address();
        Joined j = a.joined();
        if (j == null) {
            return new EndpointSettings(ip, ip6, List.of(), links, aliases, "", opts, a.networkId(), "", "", "", 0,
                    "", "", 0, List.of());
        }
        return new EndpointSettings(ip, ip6, List.of(), links, aliases, j.macAddress(), opts, j.networkId(),
                j.endpointId(), j.gateway(), bare(j.ipv4()), prefix(j.ipv4()), j.gatewayIpv6(), bare(j.ipv6()),
                prefix(j.ipv6()), j.dnsNames());
    }

    @Override
    public Map<String, List<PortMapping>> ports(Container c) {
        Map<String, List<PortMapping>> out = new TreeMap<>();
        for (String p : ConfigMerge.set(c.config.exposedPorts())) {
            out.put(p.contains("/") ? p : p + "/tcp", null);
        }
        HostConfig hc = c.hostConfig;
        if (hc.portBindings() != null) {
            hc.portBindings().keySet().forEach(k -> out.putIfAbsent(k.contains("/") ? k : k + "/tcp", null));
        }
        if (!c.isRunning() || !wired(IsolatedNetworking.mode(c))) {
            return out;
        }
        for (Attachment a : NetworkAttachments.read(c).values()) {
            if (a.joined() == null || a.joined().ports() == null) {
                continue;
            }
            for (PortBinding b : a.joined().ports()) {
                String key = b.containerPort() + "/" + b.protocol();
                List<PortMapping> l = out.get(key) == null ? new ArrayList<>() : out.get(key);
                l.add(new PortMapping(b.hostIp() == null || b.hostIp().isEmpty() ? "0.0.0.0" : b.hostIp(),
                        b.containerPort(), b.hostPort(), b.protocol()));
                out.put(key, l);
            }
        }
        return out;
    }

    /** {@code -p} and {@code -P} as port bindings: ranges kept, {@code -P} gives every exposed port a free one. */
    static List<PortBinding> bindings(Container c) {
        HostConfig hc = c.hostConfig;
        List<PortBinding> out = new ArrayList<>();
        Map<String, List<HostConfig.PortBinding>> asked = hc.portBindings() == null ? Map.of() : hc.portBindings();
        for (Map.Entry<String, List<HostConfig.PortBinding>> e : asked.entrySet()) {
            String[] pp = e.getKey().split("/");
            String proto = pp.length > 1 ? pp[1] : "tcp";
            int port = Integer.parseInt(pp[0]);
            List<HostConfig.PortBinding> list = e.getValue() == null || e.getValue().isEmpty()
                    ? List.of(new HostConfig.PortBinding("", "")) : e.getValue();
            for (HostConfig.PortBinding b : list) {
                String hp = b.hostPort() == null ? "" : b.hostPort();
                int lo = 0;
                int hi = 0;
                if (!hp.isEmpty()) {
                    String[] r = hp.split("-");
                    try {
                        lo = Integer.parseInt(r[0]);
                        hi = r.length > 1 ? Integer.parseInt(r[1]) : lo;
                    } catch (NumberFormatException ex) {
                        throw new InvalidArgumentException("invalid port specification: \"" + hp + "\"");
                    }
                }
                out.add(new PortBinding(proto, port, b.hostIp() == null ? "" : b.hostIp(), lo, hi == lo ? 0 : hi));
            }
        }
        if (hc.publishAllPorts()) {
            for (String p : ConfigMerge.set(c.config.exposedPorts())) {
                String key = p.contains("/") ? p : p + "/tcp";
                if (asked.containsKey(key)) {
                    continue;
                }
                String[] pp = key.split("/");
                out.add(new PortBinding(pp[1], Integer.parseInt(pp[0]), "", 0, 0));
            }
        }
        return out;
    }

    static String bare(String cidr) {
        if (cidr == null) {
            return "";
        }
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }

    private static int prefix(String cidr) {
        if (cidr == null || cidr.indexOf('/') < 0) {
            return 0;
        }
        return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }
}
