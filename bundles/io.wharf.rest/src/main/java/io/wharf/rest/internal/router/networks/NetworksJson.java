package io.wharf.rest.internal.router.networks;

import com.fasterxml.jackson.databind.JsonNode;
import io.wharf.api.container.EndpointSettings;
import io.wharf.api.errors.InvalidArgumentException;
import io.wharf.api.value.Cidr;
import io.wharf.api.value.IpAddresses;
import io.wharf.api.value.MacAddress;
import io.wharf.rest.internal.json.GoFields;
import io.wharf.api.network.IpamConfig;
import io.wharf.api.network.NetworkCreateRequest;
import io.wharf.api.network.NetworkDetails;
import java.util.ArrayList;
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

    static NetworkCreateRequest createRequest(JsonNode json) {
        if (json == null || json.isNull()) {
            throw new InvalidArgumentException("invalid JSON: the body must be an object");
        }
        GoFields body = GoFields.of(json, "CreateRequest", "network.CreateRequest");
        GoFields ipamNode = body.object("IPAM", "network.IPAM");
        IpamConfig ipam = null;
        if (ipamNode.present()) {
            List<IpamConfig.Pool> pools = new ArrayList<>();
            List<GoFields> cfg = ipamNode.objects("Config", "network.IPAMConfig");
            if (cfg != null) {
                for (GoFields p : cfg) {
                    String subnet = p.string("Subnet", "");
                    String range = p.string("IPRange", "");
                    String gateway = p.string("Gateway", "");
                    Map<String, String> aux = p.stringMap("AuxiliaryAddresses");
                    if (!subnet.isEmpty()) {
                        Cidr.parse(subnet);
                    }
                    if (!range.isEmpty()) {
                        Cidr.parse(range);
                    }
                    IpAddresses.parseOptional(gateway, "gateway address");
                    if (aux != null) {
                        aux.values().forEach(a -> IpAddresses.parse(a, "auxiliary address"));
                    }
                    pools.add(new IpamConfig.Pool(subnet, range, gateway, aux == null ? new LinkedHashMap<>() : aux));
                }
            }
            Map<String, String> options = ipamNode.stringMap("Options");
            ipam = new IpamConfig(ipamNode.string("Driver", ""), options == null ? new LinkedHashMap<>() : options,
                    pools);
        }
        Map<String, String> options = body.stringMap("Options");
        Map<String, String> labels = body.stringMap("Labels");
        return new NetworkCreateRequest(body.string("Name", ""), body.string("Driver", ""), body.string("Scope", ""),
                body.bool("Internal"), body.bool("Attachable"), body.bool("Ingress"), body.bool("EnableIPv6"), ipam,
                options == null ? new LinkedHashMap<>() : options, labels == null ? new LinkedHashMap<>() : labels,
                body.bool("CheckDuplicate"));
    }

    /** The body of a connect or disconnect. */
    static GoFields connectBody(JsonNode json, String struct) {
        return GoFields.of(json, struct, "network." + struct);
    }

    static EndpointSettings endpoint(GoFields body) {
        GoFields n = body.object("EndpointConfig", "network.EndpointSettings");
        if (!n.present()) {
            return null;
        }
        GoFields ipam = n.object("IPAMConfig", "network.EndpointIPAMConfig");
        String ipv4 = ipam.string("IPv4Address", "");
        String ipv6 = ipam.string("IPv6Address", "");
        IpAddresses.parseOptional(ipv4, "IPv4 address");
        IpAddresses.parseOptional(ipv6, "IPv6 address");
        String mac = n.string("MacAddress", "");
        MacAddress.parseOptional(mac);
        return new EndpointSettings(ipv4, ipv6, list(ipam.strings("LinkLocalIPs")), list(n.strings("Links")),
                list(n.strings("Aliases")), mac, map(n.stringMap("DriverOpts")), "", "", "", "", 0, "", "", 0,
                List.of());
    }

    private static List<String> list(List<String> l) {
        return l == null ? new ArrayList<>() : l;
    }

    private static Map<String, String> map(Map<String, String> m) {
        return m == null ? new LinkedHashMap<>() : m;
    }
}
