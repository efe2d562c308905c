package io.wharf.network.bridge.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * A bridge network as recorded on disk: the bridge's name, its gateway addresses (with prefix) and the options
 * that shape its firewall rules.
 *
 * @param gateway4 the bridge's IPv4 address with the subnet's prefix, as {@code 172.18.0.1/16}
 * @param gateway6 likewise for IPv6, or null
 * @param hostIp the address published ports bind to when a binding names none
 */
record BridgeNetwork(String id, String name, String bridge, int mtu, boolean icc, boolean masquerade,
        boolean internal, boolean defaultBridge, Cidr gateway4, Cidr gateway6, String hostIp) {

    Map<String, String> toMap() {
        Map<String, String> m = new HashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("bridge", bridge);
        m.put("mtu", Integer.toString(mtu));
        m.put("icc", Boolean.toString(icc));
        m.put("masquerade", Boolean.toString(masquerade));
        m.put("internal", Boolean.toString(internal));
        m.put("default", Boolean.toString(defaultBridge));
        m.put("gateway4", gateway4 == null ? null : gateway4.toString());
        m.put("gateway6", gateway6 == null ? null : gateway6.toString());
        m.put("hostIp", hostIp);
        return m;
    }

    static BridgeNetwork fromMap(Map<String, String> m) {
        return new BridgeNetwork(m.get("id"), m.get("name"), m.get("bridge"), Integer.parseInt(m.get("mtu")),
                Boolean.parseBoolean(m.get("icc")), Boolean.parseBoolean(m.get("masquerade")),
                Boolean.parseBoolean(m.get("internal")), Boolean.parseBoolean(m.get("default")),
                m.get("gateway4") == null ? null : Cidr.parse(m.get("gateway4")),
                m.get("gateway6") == null ? null : Cidr.parse(m.get("gateway6")), m.get("hostIp"));
    }
}
