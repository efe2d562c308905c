package io.wharf.network.bridge.internal;

import io.wharf.api.network.NetworkDriver.PortBinding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An endpoint as recorded on disk: its addresses, the host side of its veth pair, the sandbox it joined, the
 * ports published for it and the names the network's DNS server answers for it.
 *
 * @param sandbox the network namespace file it joined, or null while not joined
 */
record BridgeEndpoint(String id, String network, Cidr ipv4, Cidr ipv6, String mac, String veth, String sandbox,
        String ifname, boolean gateway, List<PortBinding> ports, List<String> names) {

    BridgeEndpoint withJoin(String sandboxKey, String interfaceName, boolean routesOut) {
        return new BridgeEndpoint(id, network, ipv4, ipv6, mac, veth, sandboxKey, interfaceName, routesOut, ports,
                names);
    }

    BridgeEndpoint withPorts(List<PortBinding> published) {
        return new BridgeEndpoint(id, network, ipv4, ipv6, mac, veth, sandbox, ifname, gateway,
                List.copyOf(published), names);
    }

    BridgeEndpoint withNames(List<String> dnsNames) {
        return new BridgeEndpoint(id, network, ipv4, ipv6, mac, veth, sandbox, ifname, gateway,
                ports, List.copyOf(dnsNames));
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
                List.copyOf(names));
    }
}
