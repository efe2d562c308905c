package io.wharf.network.bridge.internal;

import io.wharf.api.network.NetworkDriver.PortBinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An endpoint as recorded on disk: its addresses, the host side of its veth pair, the sandbox it joined, the
 * ports published for it and the names the network's DNS server answers for it.
 *
 * @param sandbox the network namespace file it joined, or null while not joined
 * @param dns the container's own resolvers ({@code --dns}) its unanswered queries go to; empty: the host's
 * @param links names only this endpoint resolves ({@code --link} alias to the linked container's name)
 */
record BridgeEndpoint(String id, String network, Cidr ipv4, Cidr ipv6, String mac, String veth, String sandbox,
        String ifname, boolean gateway, List<PortBinding> ports, List<String> names, List<String> dns,
        Map<String, String> links) {

    BridgeEndpoint(String id, String network, Cidr ipv4, Cidr ipv6, String mac, String veth, String sandbox,
            String ifname, boolean gateway, List<PortBinding> ports, List<String> names) {
        this(id, network, ipv4, ipv6, mac, veth, sandbox, ifname, gateway, ports, names, List.of(), Map.of());
    }

    BridgeEndpoint withJoin(String sandboxKey, String interfaceName, boolean routesOut) {
        return new BridgeEndpoint(id, network, ipv4, ipv6, mac, veth, sandboxKey, interfaceName, routesOut, ports,
                names, dns, links);
    }

    BridgeEndpoint withPorts(List<PortBinding> published) {
        return new BridgeEndpoint(id, network, ipv4, ipv6, mac, veth, sandbox, ifname, gateway,
                List.copyOf(published), names, dns, links);
    }

    BridgeEndpoint withNames(List<String> dnsNames) {
        return new BridgeEndpoint(id, network, ipv4, ipv6, mac, veth, sandbox, ifname, gateway,
                ports, List.copyOf(dnsNames), dns, links);
    }

    BridgeEndpoint withResolution(List<String> servers, Map<String, String> aliases) {
        return new BridgeEndpoint(id, network, ipv4, ipv6, mac, veth, sandbox, ifname, gateway, ports, names,
                List.copyOf(servers), Map.copyOf(aliases));
    }

    Map<String, String> toMap() {
        Map<String, String> m = new HashMap<>();
        m.put("id", id);
        m.put("network", network);
        m.put("ipv4", ipv4 == null ? null : ipv4.toString());
        m.put("ipv6", ipv6 == null ? null : ipv6.toString());
        m.put("mac", mac);
        m.put("veth", veth);
        m.put("sandbox", sandbox);
        m.put("ifname", ifname);
        m.put("gateway", Boolean.toString(gateway));
        List<String> p = new ArrayList<>();
        for (PortBinding b : ports) {
            p.add(b.protocol() + "|" + b.containerPort() + "|" + b.hostIp() + "|" + b.hostPort());
        }
        m.put("ports", String.join(",", p));
        m.put("names", String.join(",", names));
        m.put("dns", String.join(",", dns));
        List<String> l = new ArrayList<>();
        links.forEach((alias, target) -> l.add(alias + "=" + target));
        m.put("links", String.join(",", l));
        return m;
    }

    static BridgeEndpoint fromMap(Map<String, String> m) {
        List<PortBinding> ports = new ArrayList<>();
        for (String p : m.getOrDefault("ports", "").split(",")) {
            if (!p.isEmpty()) {
                String[] f = p.split("\\|");
                int hostPort = Integer.parseInt(f[3]);
                ports.add(new PortBinding(f[0], Integer.parseInt(f[1]), f[2], hostPort, hostPort));
            }
        }
        List<String> names = new ArrayList<>();
        for (String n : m.getOrDefault("names", "").split(",")) {
            if (!n.isEmpty()) {
                names.add(n);
            }
        }
        return new BridgeEndpoint(m.get("id"), m.get("network"),
                m.get("ipv4") == null ? null : Cidr.parse(m.get("ipv4")),
                m.get("ipv6") == null ? null : Cidr.parse(m.get("ipv6")), m.get("mac"), m.get("veth"),
                m.get("sandbox"), m.get("ifname"), Boolean.parseBoolean(m.get("gateway")), List.copyOf(ports),
                List.copyOf(names), split(m.get("dns")), links(m.get("links")));
    }

    private static List<String> split(String joined) {
        List<String> out = new ArrayList<>();
        for (String s : joined == null ? new String[0] : joined.split(",")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return List.copyOf(out);
    }

    private static Map<String, String> links(String joined) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : split(joined)) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return Map.copyOf(out);
    }
}
