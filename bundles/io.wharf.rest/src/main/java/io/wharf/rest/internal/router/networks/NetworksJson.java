package io.wharf.rest.internal.router.networks;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.container.EndpointSettings;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.network.IpamConfig;
import io.wharf.api.network.NetworkCreateRequest;
import io.wharf.api.network.NetworkDetails;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Docker's Network (inspect and list), NetworkCreateRequest and EndpointSettings shapes. */
final class NetworksJson {
    private NetworksJson() {
    }

    static Map<String, Object> network(NetworkDetails n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Name", n.name());
        m.put("Id", n.id());
        m.put("Created", n.created());
        m.put("Scope", n.scope());
        m.put("Driver", n.driver());
        m.put("EnableIPv4", true);
        m.put("EnableIPv6", n.enableIpv6());
        Map<String, Object> ipam = new LinkedHashMap<>();
        IpamConfig ic = n.ipam();
        ipam.put("Driver", ic == null || ic.driver() == null ? "default" : ic.driver());
        ipam.put("Options", ic == null || ic.options() == null || ic.options().isEmpty() ? null : ic.options());
        List<Map<String, Object>> configs = new ArrayList<>();
        if (ic != null && ic.config() != null) {
            for (IpamConfig.Pool p : ic.config()) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("Subnet", p.subnet());
                if (p.ipRange() != null && !p.ipRange().isEmpty()) {
                    c.put("IPRange", p.ipRange());
                }
                if (p.gateway() != null && !p.gateway().isEmpty()) {
                    c.put("Gateway", p.gateway());
                }
                if (p.auxAddresses() != null && !p.auxAddresses().isEmpty()) {
                    c.put("AuxiliaryAddresses", p.auxAddresses());
                }
                configs.add(c);
            }
        }
        ipam.put("Config", configs);
        m.put("IPAM", ipam);
        m.put("Internal", n.internal());
        m.put("Attachable", n.attachable());
        m.put("Ingress", n.ingress());
        m.put("ConfigFrom", Map.of("Network", ""));
        m.put("ConfigOnly", false);
        Map<String, Object> containers = new LinkedHashMap<>();
        if (n.containers() != null) {
            n.containers().forEach((id, e) -> {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("Name", e.name());
                c.put("EndpointID", e.endpointId());
                c.put("MacAddress", e.macAddress());
                c.put("IPv4Address", e.ipv4Address());
                c.put("IPv6Address", e.ipv6Address());
                containers.put(id, c);
            });
        }
        m.put("Containers", containers);
        m.put("Options", n.options() == null ? Map.of() : n.options());
        m.put("Labels", n.labels() == null ? Map.of() : n.labels());
        return m;
    }

    static NetworkCreateRequest createRequest(JsonNode body) {
        if (body == null || body.isNull() || !body.isObject()) {
            throw new InvalidArgumentException("invalid JSON: the body must be an object");
        }
        JsonNode ipamNode = body.get("IPAM");
        IpamConfig ipam = null;
        if (ipamNode != null && ipamNode.isObject()) {
            List<IpamConfig.Pool> pools = new ArrayList<>();
            JsonNode cfg = ipamNode.get("Config");
            if (cfg != null && cfg.isArray()) {
                for (JsonNode p : cfg) {
                    pools.add(new IpamConfig.Pool(text(p, "Subnet"), text(p, "IPRange"), text(p, "Gateway"),
                            strings(p.get("AuxiliaryAddresses"))));
                }
            }
            ipam = new IpamConfig(text(ipamNode, "Driver"), strings(ipamNode.get("Options")), pools);
        }
        return new NetworkCreateRequest(text(body, "Name"), text(body, "Driver"), text(body, "Scope"),
                body.path("Internal").asBoolean(false), body.path("Attachable").asBoolean(false),
                body.path("Ingress").asBoolean(false), body.path("EnableIPv6").asBoolean(false), ipam,
                strings(body.get("Options")), strings(body.get("Labels")),
                body.path("CheckDuplicate").asBoolean(false));
    }

    static EndpointSettings endpoint(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        JsonNode ipam = n.path("IPAMConfig");
        return new EndpointSettings(text(ipam, "IPv4Address"), text(ipam, "IPv6Address"), list(ipam.get("LinkLocalIPs")),
                list(n.get("Links")), list(n.get("Aliases")), text(n, "MacAddress"), strings(n.get("DriverOpts")),
                "", "", "", "", 0, "", "", 0, List.of());
    }

    static String text(JsonNode n, String field) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "";
        }
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static List<String> list(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    private static Map<String, String> strings(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n != null && n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }
}
